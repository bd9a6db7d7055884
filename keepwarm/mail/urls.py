from django.urls import path

from . import views

prefix = "mail/"

urlpatterns = [
    path("", views.account_list, name="accounts"),
    path("accounts/new/", views.account_new, name="account-new"),
    path("accounts/<int:mailaccount_id>/", views.account_edit, name="account-edit"),
    path("accounts/<int:mailaccount_id>/delete/", views.account_delete, name="account-delete"),
    path("accounts/<int:mailaccount_id>/sync/", views.account_sync, name="account-sync"),
    path("suggestions/", views.suggestion_list, name="suggestions"),
    path("suggestions/<int:contactsuggestion_id>/accept/", views.suggestion_accept, name="suggestion-accept"),
    path("suggestions/<int:contactsuggestion_id>/dismiss/", views.suggestion_dismiss, name="suggestion-dismiss"),
    path("compose/contact/<int:contact_id>/", views.compose_contact, name="compose-contact"),
    path("compose/followup/<int:followup_id>/", views.compose_followup, name="compose-followup"),
    path("digest/", views.digest, name="digest"),
]
