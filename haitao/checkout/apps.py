from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "haitao.checkout"
    verbose_name = "Carts and checkout"
