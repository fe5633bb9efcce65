"""People pages: the staff directory, person records, employments and the registry search."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.core.forms import add_service_errors
from vip.core.htmx import render_page_or_partial
from vip.core.http import AuthenticatedHttpRequest
from vip.core.pagination import paginate
from vip.core.policies import fetch_or_404
from vip.network import services
from vip.network.forms.people import (
    LANGUAGE_CHOICES,
    EmploymentEndForm,
    EmploymentForm,
    OwnPersonForm,
    PersonContactForm,
    PersonCreateForm,
    PersonFilterForm,
    PersonForm,
    RegistrySearchForm,
)
from vip.network.models import Employment, Person
from vip.network.policies import group_policy, is_network_staff, person_policy
from vip.network.selectors import people as selectors
from vip.registry.models import Organisation
from vip.registry.policies import organisation_policy
from vip.vipu.policies import nomination_policy

Crumbs = list[tuple[str, str | None]]


def _person_crumbs(user: Any, person: Person | None, *tail: tuple[str, str | None]) -> Crumbs:
    crumbs: Crumbs = []
    # Someone outside the staff sees only their own record, not the directory.
    if is_network_staff(user):
        crumbs.append((_("People"), reverse("network:person_list")))
    if person is not None:
        crumbs.append((person.full_name, person.get_absolute_url() if tail else None))
    return crumbs + list(tail)


def _manages_employments_at(user: Any, organisation: Organisation) -> bool:
    """Employments are added and ended only at organisations in the user's scope."""
    return scopes.covers_organisation(
        user, organisation, [Role.NATIONAL_ADMIN, Role.AREA_COORDINATOR]
    )


def _outside_area(organisation: Organisation) -> str:
    return _(
        "%(organisation)s is outside your area: only a national administrator or the "
        "area's coordinator can record employments there."
    ) % {"organisation": organisation}


# --- The directory --------------------------------------------------------------------------


@login_required
@require_safe
def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not person_policy.can(request.user, "list"):
        raise Http404
    form = PersonFilterForm(request.GET or None)
    queryset = selectors.person_list(
        form.filters(), person_policy.visible(request.user, "list"), day=timezone.localdate()
    )
    page = paginate(request, queryset, per_page=50)
    for person in page["object_list"]:
        person.shows_contact_details = person_policy.shows_contact_details(request.user, person)
    context = {
        "form": form,
        "can_create": person_policy.can(request.user, "create"),
        "breadcrumbs": [(_("People"), None)],
        **page,
    }
    return render_page_or_partial(request, "network/person_list.html", "results", context)


# --- One person -----------------------------------------------------------------------------


@login_required
@require_safe
def person_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    user = request.user
    person = fetch_or_404(
        person_policy,
        user,
        "view",
        queryset=selectors.person_record(person_policy.visible(user, "view"), day=today),
        pk=pk,
    )
    can_change = person_policy.can(user, "change", person)
    employments = person.all_employments  # type: ignore[attr-defined]
    memberships = person.all_memberships  # type: ignore[attr-defined]
    end_forms = []
    if can_change:
        for employment in employments:
            if (employment.end is None or employment.end >= today) and _manages_employments_at(
                user, employment.organisation
            ):
                end_forms.append(
                    (
                        employment,
                        EmploymentEndForm(
                            auto_id=f"end-{employment.pk}-%s",
                            initial={"employment": employment.pk, "end": today},
                            employments=Employment.objects.none(),
                        ),
                    )
                )
    return render(
        request,
        "network/person_detail.html",
        {
            "person": person,
            "today": today,
            "employments": employments,
            "current_memberships": [m for m in memberships if m.end is None or m.end >= today],
            "former_memberships": [m for m in memberships if m.end is not None and m.end < today],
            "languages": [
                str(label) for code, label in LANGUAGE_CHOICES if code in person.languages
            ],
            "nominations": selectors.current_nominations(
                person, nomination_policy.visible(user, "view_with_own")
            ),
            "shows_contact_details": person_policy.shows_contact_details(user, person),
            "can_change": can_change,
            "can_change_contact": can_change or person_policy.is_self(user, person),
            "is_self": person_policy.is_self(user, person),
            "employment_form": EmploymentForm(auto_id="employment-%s") if can_change else None,
            "end_forms": end_forms,
            "breadcrumbs": _person_crumbs(user, person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not person_policy.can(user, "create"):
        raise Http404
    national = scopes.is_national_admin(user)
    # A coordinator's new person works in the coordinator's area, or they could
    # not see to the record afterwards.
    form = PersonCreateForm(request.POST or None, organisation_required=not national)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if (
            organisation is not None
            and not national
            and not scopes.covers_organisation(user, organisation, [Role.AREA_COORDINATOR])
        ):
            form.add_error(
                "organisation_name",
                _("Choose an organisation in your area. A national administrator can add others."),
            )
        else:
            try:
                person = services.person_create(
                    actor=user,
                    organisation=organisation,
                    employment_start=form.cleaned_data["employment_start"],
                    **form.values(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The person was added."))
                return redirect(person)
    return render(
        request,
        "network/person_form.html",
        {
            "form": form,
            "title": _("Add a person"),
            "publicity_note": True,
            "cancel_url": reverse("network:person_list"),
            "breadcrumbs": _person_crumbs(user, None, (_("Add a person"), None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = fetch_or_404(
        person_policy,
        user,
        "change_contact",
        queryset=person_policy.visible(user, "view"),
        pk=pk,
    )
    # The form changes its instance while validating; keep the stored name for the page.
    name = person.full_name
    full = person_policy.can(user, "change", person)
    is_self = person_policy.is_self(user, person)
    # Only the person decides whether their contact details are public.
    form_class: type[PersonForm]
    if not full:
        form_class = PersonContactForm
    elif is_self:
        form_class = OwnPersonForm
    else:
        form_class = PersonForm
    # A linked account acts as the person, so only national administrators link one.
    link_user = full and scopes.is_national_admin(user)
    form = form_class(request.POST or None, instance=person, link_user=link_user)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=user, person=person, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(person)
    title = _("Edit %(name)s") % {"name": name} if full else _("Edit contact details")
    return render(
        request,
        "network/person_form.html",
        {
            "form": form,
            "title": title,
            "caption": name,
            "contact_only": not full,
            "publicity_note": not is_self,
            "cancel_url": person.get_absolute_url(),
            "breadcrumbs": [
                *_person_crumbs(user, None),
                (name, person.get_absolute_url()),
                (_("Edit"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_contact_details(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in user's own person record: contact details and their publicity."""
    person = selectors.linked_person(request.user)
    form = None
    if person is not None:
        form = PersonContactForm(request.POST or None, instance=person)
        if request.method == "POST" and form.is_valid():
            try:
                services.person_update(actor=request.user, person=person, **form.values())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your contact details were saved."))
                return redirect("network:my_contact_details")
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "network/person_contact.html",
        {
            "person": person,
            "form": form,
            "breadcrumbs": [
                (_("My account"), reverse("accounts:account")),
                (_("My contact details"), None),
            ],
        },
    )


# --- Employments ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def employment_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add an employment, or end one of the open ones (``action=end`` in the POST).

    Both only at organisations in the user's scope: a coordinator records employments
    in their own area.
    """
    user = request.user
    person = fetch_or_404(person_policy, user, "change", pk=pk)
    today = timezone.localdate()
    if request.method == "POST" and request.POST.get("action") == "end":
        end_form = EmploymentEndForm(
            request.POST, employments=selectors.open_employments(person, today)
        )
        if end_form.is_valid():
            ending = end_form.cleaned_data["employment"]
            if not _manages_employments_at(user, ending.organisation):
                end_form.add_error(None, _outside_area(ending.organisation))
            else:
                try:
                    services.employment_end(
                        actor=user, employment=ending, end=end_form.cleaned_data["end"]
                    )
                except ValidationError as error:
                    add_service_errors(end_form, error)
                else:
                    messages.success(request, _("The employment was ended."))
                    return redirect(person)
        employment = end_form.cleaned_data.get("employment") if end_form.is_bound else None
        return render(
            request,
            "network/person_employment_form.html",
            {
                "person": person,
                "form": end_form,
                "ending": employment,
                "action": "end",
                "title": _("End employment"),
                "breadcrumbs": _person_crumbs(user, person, (_("End employment"), None)),
            },
        )
    form = EmploymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if not _manages_employments_at(user, organisation):
            form.add_error("organisation_name", _outside_area(organisation))
        else:
            try:
                services.employment_add(
                    actor=user,
                    person=person,
                    organisation=organisation,
                    start=form.cleaned_data["start"],
                    end=form.cleaned_data["end"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The employment was added."))
                return redirect(person)
    return render(
        request,
        "network/person_employment_form.html",
        {
            "person": person,
            "form": form,
            "title": _("Add employment"),
            "breadcrumbs": _person_crumbs(user, person, (_("Add employment"), None)),
        },
    )


# --- Registry search ------------------------------------------------------------------------


def _list_url(name: str, query: str) -> str:
    return f"{reverse(name)}?{urlencode({'q': query})}"


@require_safe
def registry_search(request: HttpRequest) -> HttpResponse:
    """Organisations, groups and, for network staff, people, from one search box."""
    user = request.user
    staff = is_network_staff(user)
    form = RegistrySearchForm(request.GET or None, people=staff)
    query = form.query()
    results = None
    if query:
        results = selectors.registry_search(
            query,
            organisations=organisation_policy.visible(user, "view"),
            groups=group_policy.visible(user, "view"),
            people=person_policy.visible(user, "list") if staff else None,
            day=timezone.localdate(),
        )
    context = {
        "form": form,
        "query": query,
        "results": results,
        "organisations_url": _list_url("registry:organisation_list", query),
        "groups_url": _list_url("network:group_list", query),
        "people_url": _list_url("network:person_list", query),
        "breadcrumbs": [(_("Search"), None)],
    }
    return render_page_or_partial(request, "network/search.html", "results", context)
