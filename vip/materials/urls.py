from django.urls import path

from vip.materials.views import editing, files, pages

app_name = "materials"

urlpatterns = [
    # Public: search and browse, item pages, theme and kind pages, feed (views/pages.py)
    path("materials/", pages.material_search, name="search"),
    path("materials/<int:pk>/", pages.material_detail, name="detail"),
    path("materials/themes/<slug:code>/", pages.theme_detail, name="theme"),
    path("materials/kinds/<slug:kind>/", pages.kind_detail, name="kind"),
    path("materials/feed.atom", pages.news_feed, name="feed"),
    # Files: download, upload, removal (views/files.py)
    path("materials/files/<int:pk>/", files.file_download, name="download"),
    path("materials/<int:pk>/files/", files.file_list, name="files"),
    path("materials/files/<int:pk>/delete/", files.file_delete, name="file_delete"),
    # Editing and the workflow (views/editing.py)
    path("materials/organise/", editing.organiser_home, name="organiser_home"),
    path("materials/new/", editing.material_create, name="create"),
    path("materials/<int:pk>/edit/", editing.material_edit, name="edit"),
    path("materials/<int:pk>/status/", editing.material_transition, name="transition"),
]
