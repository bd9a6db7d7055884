from django.urls import path

from . import views

prefix = "dav/"

urlpatterns = [
    path("", views.home, name="home"),
    path("panel/", views.panel, name="panel"),
    path("accounts/add/", views.account_add, name="account-add"),
    path("accounts/<int:davaccount_id>/remove/", views.account_remove, name="account-remove"),
    path("accounts/<int:davaccount_id>/push/", views.account_push, name="account-push"),
    path("contacts.vcf", views.vcards, name="vcards"),
    path("contacts/<int:contact_id>.vcf", views.vcard, name="vcard"),
    path("contacts/<int:contact_id>/qr.svg", views.qr, name="qr"),
    path("contacts/<int:contact_id>/phone/", views.contact_phone, name="contact-phone"),
    path("calendar.ics", views.calendar, name="calendar"),
    path("feed/new/", views.feed_new, name="feed-new"),
    path("feed/revoke/", views.feed_revoke, name="feed-revoke"),
    # Token-authenticated, not login: calendar apps subscribe to it. Unknown tokens 404.
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
