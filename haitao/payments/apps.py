from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "haitao.payments"
    verbose_name = "Payments"

    def ready(self):
        from . import handlers  # noqa: F401 - registers this app's event handlers
