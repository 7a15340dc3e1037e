from django.apps import AppConfig


class ThrottleConfig(AppConfig):
    name = "haitao.throttle"
    verbose_name = "Rate limits"
