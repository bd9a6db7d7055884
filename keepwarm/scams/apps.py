from django.apps import AppConfig


class ScamsConfig(AppConfig):
    name = "keepwarm.scams"
    label = "scams"
