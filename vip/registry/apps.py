from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "vip.registry"
    label = "registry"
    verbose_name = "Registry"
