from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "haitao.declarations"
    verbose_name = "Customs declarations"

    def ready(self):
        from . import handlers  # noqa: F401 - registers this app's event handlers
