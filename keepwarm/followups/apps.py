from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "keepwarm.followups"
    label = "followups"
