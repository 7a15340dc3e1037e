from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "haitao.web"
    verbose_name = "Storefronts"
