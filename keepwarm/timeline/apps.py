from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "keepwarm.timeline"
    label = "timeline"
