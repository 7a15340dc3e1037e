from django.apps import AppConfig


class BrandsConfig(AppConfig):
    name = "haitao.brands"
    verbose_name = "Brands and merchants"
