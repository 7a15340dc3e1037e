from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "haitao.catalog"
    verbose_name = "Catalog"

    def ready(self):
        from .search import index

        index.connect()
