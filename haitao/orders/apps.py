from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "haitao.orders"
    verbose_name = "Orders"

    def ready(self):
        from . import handlers  # noqa: F401 - registers this app's event handlers
