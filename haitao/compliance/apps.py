from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "haitao.compliance"
    verbose_name = _("CBEC compliance")

    def ready(self):
        # services.py connects the signals that drop the cached positive list when its rows change.
        from . import services  # noqa: F401
