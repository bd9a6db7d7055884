from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "keepwarm.web"
    label = "web"
    nav_items = [
        ("Today", "web:today"),
        ("Board", "web:board"),
        ("Contacts", "web:contacts"),
        ("Companies", "web:companies"),
        ("Search", "web:search"),
    ]
