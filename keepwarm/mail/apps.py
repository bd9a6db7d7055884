from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "keepwarm.mail"
    label = "mail"
