from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "haitao.payments"
    verbose_name = "Payments"
