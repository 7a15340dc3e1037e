from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsolidationConfig(AppConfig):
    name = "haitao.consolidation"
    verbose_name = _("Platform consolidation")
    default_auto_field = "django.db.models.BigAutoField"
