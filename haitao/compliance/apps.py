from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "haitao.compliance"
    verbose_name = "CBEC compliance"

    def ready(self):
        # services.py connects the signals that drop the cached positive list when its rows change.
        from . import services  # noqa: F401
