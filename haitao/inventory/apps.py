from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "haitao.inventory"
    verbose_name = "Inventory"
