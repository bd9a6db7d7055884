from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "keepwarm.people"
    label = "people"
