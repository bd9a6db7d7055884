from django.urls import path

from . import views

prefix = "capture/"
urlpatterns = [
    path("", views.new, name="new"),
    path("bookmarklet/", views.bookmarklet, name="bookmarklet"),
    path("token/", views.token, name="token"),
    path("review/<int:opportunity_id>/", views.review, name="review"),
]
