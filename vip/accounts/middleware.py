"""Session lifetime and mandatory second-factor enrolment."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from vip.accounts import scopes, services
from vip.accounts.roles import requires_two_factor

SIGNED_IN_AT = "vip_signed_in_at"
SEEN_AT = "vip_seen_at"
SECOND_FACTOR_DONE = "vip_second_factor"
# Writing the session on every request would make each page view a database
# write; activity is recorded at most once a minute, which is precise enough
# for a 30-minute idle limit.
_SEEN_RESOLUTION = 60


def start_session_clock(session: SessionBase, *, second_factor: bool) -> None:
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now
    session[SECOND_FACTOR_DONE] = second_factor


class SessionLifetimeMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT idle or SESSION_ABSOLUTE_TIMEOUT in all."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            signed_in = request.session.get(SIGNED_IN_AT, 0)
            seen = request.session.get(SEEN_AT, 0)
            if (
                now - seen > settings.SESSION_IDLE_TIMEOUT
                or now - signed_in > settings.SESSION_ABSOLUTE_TIMEOUT
            ):
                services.record_logout(user=user, expired=True)
                logout(request)
                messages.info(request, _("Your session ended. Sign in again to continue."))
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return HttpResponseRedirect(
                    f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}"
                )
            if now - seen >= _SEEN_RESOLUTION:
                request.session[SEEN_AT] = now
        return self.get_response(request)


class TwoFactorEnrolmentMiddleware:
    """Holders of a role that requires a second factor must set one up before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.session.get(SECOND_FACTOR_DONE, False)
            and any(requires_two_factor(g.role) for g in scopes.active_grants(user))
            and not self._exempt(request)
        ):
            if request.path.startswith("/api/"):
                return self._api_refusal(request)
            return HttpResponseRedirect(reverse("accounts:two_factor_setup"))
        return self.get_response(request)

    @staticmethod
    def _api_refusal(request: HttpRequest) -> HttpResponse:
        """Every API path, the public ones too, is refused to such a session.

        Exempting the public read endpoints was weighed and not done: they go through
        the policies with ``request.user``, and a session that has passed only the
        password step must not count as signed in anywhere, now or when a policy starts
        showing a role more; telling public from private here would also tie this
        middleware to the API's routing. One rule, as for the pages: nothing until the
        second factor is set up. The answer is a problem (translated, declared on every
        operation by VipAPI); an API token without the session cookie is not affected.
        """
        # Imported here: vip.core.api mounts every app's API when it is imported.
        from vip.core.api import problem_response

        return problem_response(
            request,
            403,
            _("Two-step verification required"),
            _("Set up two-step verification in the web interface first."),
        )

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        allowed = (
            reverse("accounts:two_factor_setup"),
            reverse("accounts:logout"),
            settings.STATIC_URL,
            "/healthz",
            "/readyz",
        )
        return request.path.startswith(allowed)
