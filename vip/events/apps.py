from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "vip.events"
    label = "events"
    verbose_name = "Events"
