from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "keepwarm.archive"
    label = "archive"
