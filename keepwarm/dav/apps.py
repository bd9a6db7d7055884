from django.apps import AppConfig


class DavConfig(AppConfig):
    name = "keepwarm.dav"
    label = "dav"
    verbose_name = "Phone and calendar"
    settings_template = "dav/settings_section.html"

    def ready(self):
        from . import signals

        signals.connect()
