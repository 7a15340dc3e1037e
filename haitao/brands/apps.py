from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrandsConfig(AppConfig):
    name = "haitao.brands"
    verbose_name = _("Brands and merchants")

    def ready(self):
        from django.core.cache import cache
        from django.db.models.signals import post_delete, post_save

        from .models import Brand

        def forget(sender, instance, **kwargs):
            cache.delete(f"brand:{instance.code}")

        post_save.connect(forget, sender=Brand, dispatch_uid="forget-brand-on-save")
        post_delete.connect(forget, sender=Brand, dispatch_uid="forget-brand-on-delete")
