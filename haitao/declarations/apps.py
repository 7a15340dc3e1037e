from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "haitao.declarations"
    verbose_name = _("Customs declarations")

    def ready(self):
        from . import handlers  # noqa: F401 - registers this app's event handlers
