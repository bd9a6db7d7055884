from django.urls import path

from . import views

prefix = "import/"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:importupload_id>/map/", views.column_map, name="map"),
    path("<int:importupload_id>/preview/", views.preview, name="preview"),
    path("<int:importupload_id>/run/", views.run, name="run"),
]
