from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "keepwarm.jobs"
    label = "jobs"
