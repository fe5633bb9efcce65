"""Group pages: the public list and detail, representation, and managing groups and members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vip.core.forms import add_service_errors
from vip.core.htmx import render_page_or_partial
from vip.core.http import AuthenticatedHttpRequest
from vip.core.page_cache import cache_public_page
from vip.core.policies import fetch_or_404
from vip.network import presenters, services
from vip.network.forms.groups import (
    GroupFilterForm,
    GroupForm,
    MembershipEndForm,
    MembershipForm,
)
from vip.network.models import NETWORK_DATA, Group, Membership
from vip.network.policies import group_policy, is_network_staff, person_policy
from vip.network.selectors import groups as selectors
from vip.registry.models import REGISTRY_DATA
from vip.registry.selectors import area_list

Crumbs = list[tuple[str, str | None]]


def _group_crumbs(group: Group, *tail: tuple[str, str | None]) -> Crumbs:
    crumbs: Crumbs = [(_("Groups"), reverse("network:group_list"))]
    if group.parent_id is not None and group.parent is not None:
        crumbs.append((group.parent.name, group.parent.get_absolute_url()))
    if tail:
        crumbs.append((group.name, group.get_absolute_url()))
        crumbs.extend(tail)
    else:
        crumbs.append((group.name, None))
    return crumbs


# --- Public pages ---------------------------------------------------------------------------


@require_safe
@cache_public_page(NETWORK_DATA, REGISTRY_DATA)
def group_list(request: HttpRequest) -> HttpResponse:
    form = GroupFilterForm(request.GET or None)
    groups = selectors.group_list(
        form.filters(), group_policy.visible(request.user, "view"), timezone.localdate()
    )
    context = {
        "form": form,
        "group_count": len(groups),
        "sections": presenters.group_section_views(selectors.group_sections(groups)),
        "can_create": group_policy.can(request.user, "create"),
        "breadcrumbs": [(_("Groups"), None)],
    }
    return render_page_or_partial(request, "network/group_list.html", "results", context)


@require_safe
@cache_public_page(NETWORK_DATA, REGISTRY_DATA)
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = fetch_or_404(group_policy, request.user, "view", queryset=selectors.group_detail(pk))
    today = timezone.localdate()
    members = selectors.group_members(group, today)
    user = request.user

    def rows(memberships: list[Membership]) -> list[presenters.MemberRow]:
        return presenters.member_rows(
            memberships,
            members,
            shows_contact=lambda person: person_policy.shows_contact_details(user, person),
            links_people=is_network_staff(user),
        )

    context: dict[str, Any] = {
        "group": group,
        "today": today,
        "subgroups": selectors.group_subgroups(group),
        "members": members,
        "current_rows": rows(members.current),
        "upcoming_rows": rows(members.upcoming),
        "former_rows": rows(members.former),
        "chairs": [m.person.full_name for m in members.chairs],
        "vice_chairs": [m.person.full_name for m in members.vice_chairs],
        "without_deputy": (
            selectors.members_without_deputy(group, today) if members.uses_deputies else None
        ),
        "gaps": (
            selectors.representation_gaps(group, today)
            if group.kind == Group.Kind.REGIONAL
            else None
        ),
        "meetings": selectors.recent_meetings(group),
        "decisions": selectors.latest_decisions(group),
        "decisions_url": f"{reverse('network:decision_list')}?group={group.pk}",
        "can_manage": group_policy.can(user, "manage", group),
        "breadcrumbs": _group_crumbs(group),
    }
    return render(request, "network/group_detail.html", context)


@require_safe
@cache_public_page(NETWORK_DATA, REGISTRY_DATA)
def representation_overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    watched = selectors.deputy_watch_groups(today)
    without = selectors.members_without_deputy_by_group(watched, today)
    return render(
        request,
        "network/representation.html",
        {
            "today": today,
            "table": selectors.national_representation(today),
            "deputy_rows": [(group, without[group.pk]) for group in watched],
            "breadcrumbs": [
                (_("Groups"), reverse("network:group_list")),
                (_("Representation of sectors"), None),
            ],
        },
    )


# --- Managing groups ------------------------------------------------------------------------


def _area_limits(request: AuthenticatedHttpRequest) -> tuple[Any, bool]:
    """The areas the user may put a group in, and whether national groups are allowed."""
    allowed = group_policy.creatable_area_ids(request.user)
    if allowed is None:
        return area_list(), True
    return area_list().filter(pk__in=allowed), False


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not group_policy.can(request.user, "create"):
        raise Http404
    areas, national = _area_limits(request)
    initial: dict[str, Any] = {}
    if request.GET.get("kind") in Group.Kind.values:
        initial["kind"] = request.GET["kind"]
    if (parent := request.GET.get("parent", "")).isdigit():
        initial["parent"] = int(parent)
    form = GroupForm(request.POST or None, initial=initial, areas=areas, national=national)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group was created."))
            return redirect(group)
    return render(
        request,
        "network/group_form.html",
        {
            "form": form,
            "title": _("New group"),
            "cancel_url": reverse("network:group_list"),
            "breadcrumbs": [
                (_("Groups"), reverse("network:group_list")),
                (_("New group"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = fetch_or_404(
        group_policy,
        request.user,
        "manage",
        queryset=group_policy.visible(request.user, "manage").select_related("area", "parent"),
        pk=pk,
    )
    areas, national = _area_limits(request)
    form = GroupForm(request.POST or None, instance=group, areas=areas, national=national)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(actor=request.user, group=group, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(group)
        # The form changed the instance while validating; show the stored name.
        group.refresh_from_db()
    return render(
        request,
        "network/group_form.html",
        {
            "form": form,
            "group": group,
            "title": _("Edit group"),
            "cancel_url": group.get_absolute_url(),
            "breadcrumbs": _group_crumbs(group, (_("Edit"), None)),
        },
    )


# --- Managing memberships -------------------------------------------------------------------


def _managed_membership(request: AuthenticatedHttpRequest, pk: int) -> Membership:
    membership = selectors.membership_for_change(pk, group_policy.visible(request.user, "manage"))
    if membership is None or not group_policy.can(request.user, "manage", membership.group):
        raise Http404
    return membership


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = fetch_or_404(
        group_policy,
        request.user,
        "manage",
        queryset=group_policy.visible(request.user, "manage").select_related("area", "parent"),
        pk=pk,
    )
    initial: dict[str, Any] = {"start": max(timezone.localdate(), group.term_start)}
    if request.GET.get("role") in Membership.Role.values:
        initial["role"] = request.GET["role"]
    if (principal := request.GET.get("principal", "")).isdigit():
        initial["principal"] = int(principal)
    form = MembershipForm(request.POST or None, group=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(actor=request.user, group=group, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The member was added."))
            return redirect(group)
    return render(
        request,
        "network/membership_form.html",
        {
            "form": form,
            "group": group,
            "title": _("Add a member"),
            "breadcrumbs": _group_crumbs(group, (_("Add a member"), None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = _managed_membership(request, pk)
    group = membership.group
    form = MembershipForm(request.POST or None, group=group, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(actor=request.user, membership=membership, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(group)
    return render(
        request,
        "network/membership_form.html",
        {
            "form": form,
            "group": group,
            "membership": membership,
            "title": _("Edit membership"),
            "breadcrumbs": _group_crumbs(group, (_("Edit membership"), None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = _managed_membership(request, pk)
    group = membership.group
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(actor=request.user, membership=membership, end=form.end_date)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The membership of %(name)s ends on %(end)s; it stays under former members.")
                % {
                    "name": membership.person.full_name,
                    "end": presenters.short_date(form.end_date),
                },
            )
            return redirect(group)
    return render(
        request,
        "network/membership_end.html",
        {
            "form": form,
            "group": group,
            "membership": membership,
            "deputies": selectors.deputies_not_ended(membership, timezone.localdate()),
            "breadcrumbs": _group_crumbs(group, (_("End membership"), None)),
        },
    )
