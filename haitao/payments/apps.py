from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "haitao.payments"
    verbose_name = _("Payments")

    def ready(self):
        from . import handlers  # noqa: F401 - registers this app's event handlers
