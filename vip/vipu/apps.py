from django.apps import AppConfig


class VipuConfig(AppConfig):
    name = "vip.vipu"
    label = "vipu"
    verbose_name = "Vipu"
