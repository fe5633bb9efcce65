"""What every page's shell needs: navigation by role, language links, site name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch
from django.urls.base import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.core.url_cache import reverse_in, reverse_static


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


# Each language named in itself, as language pickers should.
_LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


def _navigation(request: HttpRequest) -> list[NavItem]:
    path = request.path
    entries: list[tuple[str, str]] = [
        (_("Events"), reverse_static("events:event_list")),
        (_("Materials"), reverse_static("materials:search")),
        (_("Groups"), reverse_static("network:group_list")),
        (_("Decisions"), reverse_static("network:decision_list")),
        (_("VIPU contacts"), reverse_static("vipu:coverage")),
        (_("Areas"), reverse_static("registry:area_list")),
        (_("Municipalities"), reverse_static("registry:municipality_list")),
        (_("Organisations"), reverse_static("registry:organisation_list")),
    ]
    user = request.user
    if user.is_authenticated:
        from vip.events.policies import event_policy

        if event_policy.can(user, "create"):
            entries.insert(1, (_("Organise events"), reverse_static("events:organiser_home")))
        if scopes.has_role(user):
            entries.append((_("People"), reverse_static("network:person_list")))
        if scopes.has_role(user, Role.NATIONAL_ADMIN, Role.AREA_COORDINATOR, Role.MUNICIPAL_ADMIN):
            entries.append((_("Users and roles"), reverse_static("accounts:user_list")))
        if scopes.is_national_admin(user):
            entries.append((_("Themes and sectors"), reverse_static("network:themes_and_sectors")))
            entries.append((_("Audit trail"), reverse_static("audit:event_list")))
    entries.append((_("Search"), reverse_static("network:search")))
    # The longest matching address is the current one: /events/organise/ is not /events/.
    current = max((url for _label, url in entries if path.startswith(url)), key=len, default=None)
    return [NavItem(label, url, url == current) for label, url in entries]


def _in_language(request: HttpRequest, full_path: str, code: str) -> str:
    """The current page's address in another language: ``translate_url``, from the match
    the request was already resolved by rather than resolving its path again."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(full_path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    try:
        path = reverse_in(code, name, match.args, match.kwargs)
    except NoReverseMatch:
        return full_path
    parsed = urlsplit(full_path)
    return urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment))


def shell(request: HttpRequest) -> dict[str, Any]:
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    full_path = request.get_full_path()
    languages = [
        LanguageLink(
            code, _LANGUAGE_NAMES[code], _in_language(request, full_path, code), code == current
        )
        for code, _name in settings.LANGUAGES
    ]
    return {
        "nav_items": _navigation(request) if hasattr(request, "user") else [],
        "language_links": languages,
        "site_url": settings.SITE_URL,
        "feedback_email": settings.FEEDBACK_EMAIL,
        "privacy_email": settings.PRIVACY_EMAIL,
    }
