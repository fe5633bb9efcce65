from django.urls import path

from vip.registry import views

app_name = "registry"

urlpatterns = [
    path("areas/", views.area_list, name="area_list"),
    path("areas/<str:code>/", views.area_detail, name="area_detail"),
    path("municipalities/", views.municipality_list, name="municipality_list"),
    path("municipalities/<str:code>/", views.municipality_detail, name="municipality_detail"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
]
