from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "haitao.orders"
    verbose_name = "Orders"
