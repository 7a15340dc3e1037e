from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "haitao.orders"
    verbose_name = _("Orders")

    def ready(self):
        from . import handlers  # noqa: F401 - registers this app's event handlers
