from django.apps import AppConfig


class ConsolidationConfig(AppConfig):
    name = "haitao.consolidation"
    verbose_name = "Platform consolidation"
    default_auto_field = "django.db.models.BigAutoField"
