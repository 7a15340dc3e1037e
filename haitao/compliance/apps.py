from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "haitao.compliance"
    verbose_name = "CBEC compliance"
