from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "keepwarm.mail"
    label = "mail"
    verbose_name = "Mail"
    nav_items = [("Mail", "mail:accounts")]
    settings_template = "mail/settings_section.html"
