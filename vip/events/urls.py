from django.urls import path

from vip.events.views import feeds, pages

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
]
