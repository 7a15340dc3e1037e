from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "haitao.catalog"
    verbose_name = _("Catalog")

    def ready(self):
        from . import handlers  # noqa: F401 - registers this app's event handlers
        from .search import index

        index.connect()
