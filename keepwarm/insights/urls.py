from django.urls import path

from . import views

prefix = "insights/"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("worklog/", views.worklog_page, name="worklog"),
    path("worklog/download/", views.worklog_download, name="worklog-download"),
    path("export/", views.export_page, name="export"),
    path("export/keepwarm-export.zip", views.export_download, name="export-zip"),
    path("delete-account/", views.delete_account, name="delete-account"),
]
