from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "keepwarm.web"
    label = "web"
