from django.urls import path

from .views import placeholder

urlpatterns = [
    path("", placeholder.page, {"title": "Today"}, name="today"),
    path("log/", placeholder.page, {"title": "Log a touch"}, name="quick-log"),
    path("settings/", placeholder.page, {"title": "Settings"}, name="settings"),
]
