from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "keepwarm.insights"
    label = "insights"
    verbose_name = "Insights and records"
    nav_items = [("Insights", "insights:dashboard"), ("Work-search log", "insights:worklog")]
    settings_template = "insights/settings_section.html"

    def ready(self):
        from . import signals  # noqa: F401  (connects the cache invalidation)
