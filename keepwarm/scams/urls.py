from django.urls import path, re_path

from . import views

prefix = "scams/"

# Only the two labels exist; anything else is a 404 rather than a silent "not a scam".
urlpatterns = [
    path("check/", views.check_page, name="check"),
    re_path(r"^jobs/(?P<opportunity_id>\d+)/mark/(?P<label>scam|not_scam)/$", views.mark_opportunity,
            name="mark-opportunity"),
    re_path(r"^interactions/(?P<interaction_id>\d+)/mark/(?P<label>scam|not_scam)/$", views.mark_interaction,
            name="mark-interaction"),
]
