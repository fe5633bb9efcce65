from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vip.accounts"
    label = "accounts"
    verbose_name = "Accounts"
