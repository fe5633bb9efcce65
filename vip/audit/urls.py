from django.urls import path

from vip.audit import views

app_name = "audit"

urlpatterns = [
    path("audit/", views.event_list, name="event_list"),
    path("audit/export.csv", views.event_export, name="event_export"),
]
