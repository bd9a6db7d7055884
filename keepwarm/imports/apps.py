from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "keepwarm.imports"
    label = "imports"
    verbose_name = "Imports"
    nav_items = [("Import", "imports:upload")]
