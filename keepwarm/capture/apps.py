from django.apps import AppConfig


class CaptureConfig(AppConfig):
    name = "keepwarm.capture"
    label = "capture"
