from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "keepwarm.insights"
    label = "insights"
