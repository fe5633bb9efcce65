from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from vip.core import views as core_views
from vip.core.api import api

# Pages carry their language in the address: Finnish at /, Swedish at /sv/,
# English at /en/, so every page can be linked to in each language.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("vip.core.urls")),
    path("", include("vip.registry.urls")),
    path("", include("vip.network.urls")),
    path("", include("vip.vipu.urls")),
    path("", include("vip.events.urls")),
    path("", include("vip.materials.urls")),
    path("", include("vip.accounts.urls")),
    path("", include("vip.audit.urls")),
    prefix_default_language=False,
)

handler400 = "vip.core.views.bad_request"
handler403 = "vip.core.views.permission_denied"
handler404 = "vip.core.views.page_not_found"
handler500 = "vip.core.views.server_error"
