from django.urls import path

from vip.events.views import editing, feedback, feeds, pages, participants, reports

app_name = "events"

urlpatterns = [
    # The public calendar, event pages and registration (views/pages.py)
    path("events/", pages.event_list, name="event_list"),
    path("events/<int:pk>/", pages.event_detail, name="event_detail"),
    path("events/<int:pk>/register/", pages.registration_create, name="registration_create"),
    path(
        "events/registrations/<str:token>/",
        pages.registration_manage,
        name="registration_manage",
    ),
    # Calendar and news feeds (views/feeds.py)
    path("events/feed.ics", feeds.calendar_feed, name="calendar_feed"),
    path("events/<int:pk>/event.ics", feeds.event_ics, name="event_ics"),
    path("events/feed.atom", feeds.news_feed, name="news_feed"),
    # Creating, editing, publishing, cancelling, duplicating; materials (views/editing.py)
    path("events/organise/", editing.organiser_home, name="organiser_home"),
    path("events/new/", editing.event_create, name="event_create"),
    path("events/<int:pk>/edit/", editing.event_edit, name="event_edit"),
    path("events/<int:pk>/publish/", editing.event_publish, name="event_publish"),
    path("events/<int:pk>/cancel/", editing.event_cancel, name="event_cancel"),
    path("events/<int:pk>/duplicate/", editing.event_duplicate, name="event_duplicate"),
    path("events/series/<int:pk>/duplicate/", editing.series_duplicate, name="series_duplicate"),
    path("events/<int:pk>/materials/", editing.material_list, name="material_list"),
    path("events/materials/<int:pk>/delete/", editing.material_delete, name="material_delete"),
    path(
        "events/materials/<int:pk>/download/",
        editing.material_download,
        name="material_download",
    ),
    path(
        "events/registrations/<str:token>/materials/<int:pk>/",
        editing.participant_material_download,
        name="participant_material_download",
    ),
    # Participants, attendance, messages, exports, invoicing (views/participants.py)
    path("events/<int:pk>/participants/", participants.participant_list, name="participant_list"),
    path(
        "events/<int:pk>/participants.<str:fmt>",
        participants.participant_export,
        name="participant_export",
    ),
    path(
        "events/<int:pk>/participants/<int:registration>/promote/",
        participants.participant_promote,
        name="participant_promote",
    ),
    path(
        "events/<int:pk>/participants/<int:registration>/remove/",
        participants.participant_remove,
        name="participant_remove",
    ),
    path("events/<int:pk>/attendance/", participants.attendance, name="attendance"),
    path(
        "events/<int:pk>/attendance/<int:registration>/",
        participants.attendance_mark,
        name="attendance_mark",
    ),
    path("events/<int:pk>/messages/", participants.message_list, name="message_list"),
    path("events/<int:pk>/invoicing/", participants.invoicing, name="invoicing"),
    path(
        "events/<int:pk>/invoicing.<str:fmt>",
        participants.invoicing_export,
        name="invoicing_export",
    ),
    # Feedback and reach reports (views/feedback.py, views/reports.py)
    path("events/feedback/<str:token>/", feedback.feedback_form, name="feedback_form"),
    path("events/<int:pk>/report/", reports.event_report, name="event_report"),
    path(
        "events/<int:pk>/report.<str:fmt>",
        reports.event_report_export,
        name="event_report_export",
    ),
    path("events/reports/", reports.reach_report, name="reach_report"),
    path(
        "events/reports/export.<str:fmt>", reports.reach_report_export, name="reach_report_export"
    ),
]
