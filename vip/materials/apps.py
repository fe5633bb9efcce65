from django.apps import AppConfig


class MaterialsConfig(AppConfig):
    name = "vip.materials"
    label = "materials"
    verbose_name = "Materials"
