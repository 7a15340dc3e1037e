from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "haitao.inventory"
    verbose_name = _("Inventory")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from haitao.catalog.queries import bump_catalog_version

        from .models import Warehouse

        # A warehouse change changes what the cached catalogue pages show (availability by kind).
        post_save.connect(bump_catalog_version, sender=Warehouse, dispatch_uid="catalog-cache-Warehouse-save")
        post_delete.connect(bump_catalog_version, sender=Warehouse, dispatch_uid="catalog-cache-Warehouse-del")
