from django.urls import path

from vip.vipu import views

app_name = "vipu"

urlpatterns = [
    path("vipu/", views.coverage, name="coverage"),
    path("vipu/campaigns/", views.campaign_list, name="campaign_list"),
    path("vipu/campaigns/new/", views.campaign_create, name="campaign_create"),
    path("vipu/campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("vipu/campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path(
        "vipu/campaigns/<int:pk>/contacts.<str:fmt>", views.contacts_export, name="contacts_export"
    ),
    path(
        "vipu/campaigns/<int:pk>/municipalities/<str:code>/",
        views.municipality_contacts,
        name="municipality_contacts",
    ),
    path(
        "vipu/campaigns/<int:pk>/municipalities/<str:code>/nominate/",
        views.nomination_create,
        name="nomination_create",
    ),
    path("vipu/nominations/<int:pk>/replace/", views.nomination_replace, name="nomination_replace"),
    path(
        "vipu/nominations/<int:pk>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"
    ),
]
