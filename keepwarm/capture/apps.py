from django.apps import AppConfig


class CaptureConfig(AppConfig):
    name = "keepwarm.capture"
    label = "capture"
    verbose_name = "Capture postings"
    settings_template = "capture/settings_section.html"
