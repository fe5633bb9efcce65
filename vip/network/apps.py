from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "vip.network"
    label = "network"
    verbose_name = "Network"
