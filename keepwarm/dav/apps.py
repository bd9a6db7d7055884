from django.apps import AppConfig


class DavConfig(AppConfig):
    name = "keepwarm.dav"
    label = "dav"
