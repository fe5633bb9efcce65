"""The shell's own pages: home, accessibility statement, privacy notice, health, errors."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vip.accounts import selectors as account_selectors
from vip.core.page_cache import cache_public_page
from vip.events.models import FEEDBACK_MIN_ANSWERS
from vip.registry import selectors as registry_selectors
from vip.registry.models import REGISTRY_DATA


@require_safe
@cache_public_page(REGISTRY_DATA)
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "areas": registry_selectors.area_list(),
        "grants": account_selectors.active_grants_of(request.user),
    }
    return render(request, "core/home.html", context)


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/accessibility.html",
        {"breadcrumbs": [(_("Accessibility statement"), None)]},
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    # The notice states the retention periods and the feedback threshold in force, so
    # that it follows the configuration rather than repeating the defaults.
    audit_days = settings.AUDIT_RETENTION_DAYS
    return render(
        request,
        "core/privacy.html",
        {
            "breadcrumbs": [(_("Privacy notice"), None)],
            "audit_retention_days": audit_days,
            # Whole years only (the default is five); other periods are shown in days.
            "audit_retention_years": audit_days // 365 if audit_days % 365 == 0 else None,
            "sensitive_answer_days": settings.EVENTS_SENSITIVE_ANSWER_DAYS,
            "registration_retention_months": settings.EVENTS_REGISTRATION_RETENTION_MONTHS,
            "feedback_min_answers": FEEDBACK_MIN_ANSWERS,
        },
    )


# --- Health checks for load balancers -------------------------------------------------------

_migrations_verified = False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process is up and answering; touches nothing else."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """The database answers and every migration is applied."""
    global _migrations_verified
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_verified:
            # Building the plan reads every migration file, so it is done once
            # per process; a deploy with new migrations starts new processes.
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if pending:
                return JsonResponse(
                    {
                        "status": "unavailable",
                        "reason": "migrations pending",
                        "pending": len(pending),
                    },
                    status=503,
                )
            _migrations_verified = True
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "reason": "database unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


# --- Error pages ----------------------------------------------------------------------------


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors: whatever broke the request (the
    # database, say) must not break its error page too.
    template = loader.get_template("errors/500.html")
    language = getattr(request, "LANGUAGE_CODE", "fi")
    return HttpResponse(template.render({"LANGUAGE_CODE": language}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/403_csrf.html", status=403)
