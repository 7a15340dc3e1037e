from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "haitao.accounts"
    verbose_name = "Customers and identities"
