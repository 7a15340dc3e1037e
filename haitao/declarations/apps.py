from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "haitao.declarations"
    verbose_name = "Customs declarations"
