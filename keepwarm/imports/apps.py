from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "keepwarm.imports"
    label = "imports"
