from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "haitao.catalog"
    verbose_name = "Catalog"
