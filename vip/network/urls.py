from django.urls import path

from vip.network.views import groups, meetings, people, themes, transfer

app_name = "network"

urlpatterns = [
    # Groups, memberships and representation (views/groups.py)
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/representation/", groups.representation_overview, name="representation"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<int:pk>/members/new/", groups.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", groups.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", groups.membership_end, name="membership_end"),
    # Meetings and decisions (views/meetings.py)
    path("groups/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/attachments/", meetings.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", meetings.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/edit/", meetings.attachment_update, name="attachment_update"),
    path("attachments/<int:pk>/delete/", meetings.attachment_delete, name="attachment_delete"),
    path("decisions/", meetings.decision_list, name="decision_list"),
    path("groups/<int:pk>/decisions/new/", meetings.decision_create, name="decision_create"),
    path("decisions/<int:pk>/edit/", meetings.decision_edit, name="decision_edit"),
    # People and search (views/people.py); import and export (views/transfer.py)
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/me/", people.my_contact_details, name="my_contact_details"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/employments/new/", people.employment_create, name="employment_create"),
    path("search/", people.registry_search, name="search"),
    path("network/import/", transfer.network_import, name="import"),
    path("network/import/template.<str:fmt>", transfer.import_template, name="import_template"),
    path("network/export/<str:what>.<str:fmt>", transfer.network_export, name="export"),
    # Themes and sectors, for national administrators (views/themes.py)
    path("network/themes-and-sectors/", themes.themes_and_sectors, name="themes_and_sectors"),
    path("network/themes/new/", themes.theme_create, name="theme_create"),
    path("network/themes/<slug:code>/edit/", themes.theme_edit, name="theme_edit"),
    path("network/sectors/new/", themes.sector_create, name="sector_create"),
    path("network/sectors/<slug:code>/edit/", themes.sector_edit, name="sector_edit"),
]
