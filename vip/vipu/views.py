"""VIPU pages: the coverage dashboard and map, campaigns, a municipality's contacts,
nominations and the contacts export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vip.core.http import AuthenticatedHttpRequest
from vip.core.page_cache import cache_public_page
from vip.core.policies import fetch_or_404
from vip.core.xlsx_export import table_response
from vip.network import services as network_services
from vip.network.models import Person
from vip.network.selectors import people as people_selectors
from vip.registry.models import REGISTRY_DATA, Area, Municipality
from vip.vipu import presenters, selectors, services
from vip.vipu.forms import CampaignForm, ContactExportForm, CoverageFilterForm, NominationForm
from vip.vipu.models import VIPU_DATA, Campaign, Nomination
from vip.vipu.policies import campaign_policy, municipality_contacts_policy, nomination_policy

EXPORT_FORMATS = {"csv", "xlsx"}


def _campaign_crumbs(campaign: Campaign | None, *tail: tuple[str, str | None]) -> list:
    crumbs: list[tuple[str, str | None]] = [(_("VIPU contacts"), reverse("vipu:coverage"))]
    if campaign is not None:
        crumbs.append((campaign.name, campaign.get_absolute_url()))
    return crumbs + list(tail)


# --- Coverage dashboard -----------------------------------------------------------------------


def _dashboard(request: HttpRequest, campaign: Campaign | None, *, current: bool) -> HttpResponse:
    coverage = selectors.vipu_coverage(campaign)
    form = CoverageFilterForm(request.GET or None, areas=[a.area for a in coverage.areas])
    area = form.selected_area()
    dashboard = presenters.coverage_dashboard(
        coverage,
        area=area,
        linked_codes=municipality_contacts_policy.covered_codes(request.user),
    )
    can_export = campaign is not None and campaign_policy.can(request.user, "export", campaign)
    if current:
        crumbs: list[tuple[str, str | None]] = [(_("VIPU contacts"), None)]
    else:
        crumbs = _campaign_crumbs(None, (campaign.name if campaign else "", None))
    return render(
        request,
        "vipu/coverage.html",
        {
            "campaign": campaign,
            "is_open": campaign is not None and timezone.localdate() <= campaign.ends_on,
            "dashboard": dashboard,
            "form": form,
            "can_change": campaign is not None
            and campaign_policy.can(request.user, "change", campaign),
            "can_create": campaign_policy.can(request.user, "create"),
            "export_form": ContactExportForm(
                initial={"area": area.code if area else ""},
                areas=[a.area for a in coverage.areas],
                auto_id="export_%s",
            )
            if can_export
            else None,
            "breadcrumbs": crumbs,
        },
    )


@require_safe
@cache_public_page(VIPU_DATA, REGISTRY_DATA)
def coverage(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, selectors.current_campaign(), current=True)


@require_safe
@cache_public_page(VIPU_DATA, REGISTRY_DATA)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = fetch_or_404(campaign_policy, request.user, "view", pk=pk)
    return _dashboard(request, campaign, current=False)


# --- Campaigns ----------------------------------------------------------------------------------


@require_safe
@cache_public_page(VIPU_DATA, REGISTRY_DATA)
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "vipu/campaign_list.html",
        {
            "campaigns": selectors.campaign_list(),
            "can_create": campaign_policy.can(request.user, "create"),
            "breadcrumbs": [
                (_("VIPU contacts"), reverse("vipu:coverage")),
                (_("Campaigns"), None),
            ],
        },
    )


def _campaign_form_page(
    request: AuthenticatedHttpRequest, campaign: Campaign | None
) -> HttpResponse:
    initial: dict[str, Any] = {}
    if campaign is not None:
        initial = {name: getattr(campaign, name) for name in services.CAMPAIGN_FIELDS}
    form = CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.campaign_save(
                actor=request.user, campaign=campaign, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The campaign was created.")
                if campaign is None
                else _("The changes were saved."),
            )
            return redirect(saved)
    title = _("New contact campaign") if campaign is None else _("Edit contact campaign")
    return render(
        request,
        "vipu/campaign_form.html",
        {
            "form": form,
            "campaign": campaign,
            "title": title,
            "breadcrumbs": [
                (_("VIPU contacts"), reverse("vipu:coverage")),
                (_("Campaigns"), reverse("vipu:campaign_list")),
                *([(campaign.name, campaign.get_absolute_url())] if campaign else []),
                (title, None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not campaign_policy.can(request.user, "create"):
        raise Http404
    return _campaign_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign = fetch_or_404(campaign_policy, request.user, "change", pk=pk)
    return _campaign_form_page(request, campaign)


# --- A municipality's contacts --------------------------------------------------------------


@login_required
@require_safe
def municipality_contacts(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    campaign = fetch_or_404(campaign_policy, request.user, "view", pk=pk)
    municipality = _municipality(request, "view", code)
    providers = list(selectors.municipality_providers(municipality))
    contacts = presenters.municipality_contacts(
        campaign,
        municipality,
        selectors.municipality_nominations(campaign, municipality),
        providers,
    )
    may_nominate = municipality_contacts_policy.can(request.user, "nominate", municipality)
    is_open = timezone.localdate() <= campaign.ends_on
    return render(
        request,
        "vipu/municipality_contacts.html",
        {
            "campaign": campaign,
            "municipality": municipality,
            "contacts": contacts,
            "may_nominate": may_nominate and is_open,
            "may_withdraw": may_nominate,
            "is_open": is_open,
            "breadcrumbs": _campaign_crumbs(campaign, (municipality.name, None)),
        },
    )


def _municipality(request: HttpRequest, action: str, code: str) -> Municipality:
    return fetch_or_404(
        municipality_contacts_policy,
        request.user,
        action,
        queryset=municipality_contacts_policy.visible(request.user, action).select_related(
            "county__area"
        ),
        code=code,
    )


# --- Nominating -------------------------------------------------------------------------------


def _add_errors(form: Any, error: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Show a service's error on the form: at the field it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = (rename or {}).get(name, name)
        form.add_error(target if target in form.fields else None, errors)


def _nominee(
    request: AuthenticatedHttpRequest, form: NominationForm, language: str
) -> tuple[Person, str, bool]:
    """The person to name, the form field that answers for them in errors, and
    whether a "new" person was found in the registry by their e-mail address."""
    data = form.cleaned_data
    if not form.is_new_person:
        return data["person"], "person", False
    existing = people_selectors.person_by_email(data["email"])
    if existing is not None:
        return existing, "email", True
    person = network_services.person_create(
        actor=request.user,
        organisation=data["organisation"],
        employment_start=timezone.localdate(),
        given_name=data["given_name"].strip(),
        family_name=data["family_name"].strip(),
        email=data["email"],
        phone=data["phone"].strip(),
        title=data["title"].strip(),
        languages=language,
    )
    return person, "organisation", False


def _nominate(
    request: AuthenticatedHttpRequest,
    form: NominationForm,
    *,
    campaign: Campaign,
    municipality: Municipality,
    replaces: Nomination | None = None,
) -> Nomination | None:
    """Create the nominee if new and name them, all or nothing; None after an error."""
    data = form.cleaned_data
    if replaces is not None:
        responsibility, language, provider = (
            replaces.responsibility,
            replaces.language,
            replaces.provider,
        )
    else:
        responsibility, language = data["responsibility"], data["language"]
        provider = data.get("provider")
    person_field, found = "person", False
    try:
        # A new person is created in the nomination's transaction: a refused
        # nomination leaves no one behind.
        with transaction.atomic():
            person, person_field, found = _nominee(request, form, language)
            nomination = services.nomination_make(
                actor=request.user,
                campaign=campaign,
                municipality=municipality,
                person=person,
                responsibility=responsibility,
                language=language,
                provider=provider,
                replaces=replaces,
            )
    except ValidationError as error:
        _add_errors(form, error, {"person": person_field})
        return None
    if found:
        messages.info(
            request,
            _("%(name)s was already in the registry; their details were not changed.")
            % {"name": nomination.person.full_name},
        )
    return nomination


def _nomination_form(
    request: HttpRequest,
    municipality: Municipality,
    *,
    slot_fixed: bool,
    initial: dict[str, Any] | None = None,
) -> NominationForm:
    return NominationForm(
        request.POST or None,
        initial=initial or {},
        municipality=municipality,
        people=selectors.nominee_choices(municipality),
        organisations=selectors.municipality_organisations(municipality),
        providers=selectors.municipality_providers(municipality),
        slot_fixed=slot_fixed,
    )


def _initial_slot(request: HttpRequest, municipality: Municipality) -> dict[str, Any]:
    """The slot asked for by the link followed, and a monolingual municipality's language."""
    initial: dict[str, Any] = {"nominee": "existing"}
    if not municipality.is_bilingual:
        initial["language"] = presenters.required_languages(municipality)[0]
    responsibility = request.GET.get("responsibility", "")
    if responsibility in Nomination.Responsibility.values:
        initial["responsibility"] = responsibility
    language = request.GET.get("language", "")
    if language in Nomination.Language.values:
        initial["language"] = language
    provider = request.GET.get("provider", "")
    if provider.isdigit():
        initial["provider"] = int(provider)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    campaign = fetch_or_404(campaign_policy, request.user, "view", pk=pk)
    municipality = _municipality(request, "nominate", code)
    form = _nomination_form(
        request, municipality, slot_fixed=False, initial=_initial_slot(request, municipality)
    )
    contacts_url = reverse("vipu:municipality_contacts", args=[campaign.pk, municipality.code])
    if request.method == "POST" and form.is_valid():
        nomination = _nominate(request, form, campaign=campaign, municipality=municipality)
        if nomination is not None:
            messages.success(
                request,
                _("%(name)s is now a contact person of %(municipality)s and was told by e-mail.")
                % {"name": nomination.person.full_name, "municipality": municipality.name},
            )
            return redirect(contacts_url)
    title = _("Name a contact person")
    return render(
        request,
        "vipu/nomination_form.html",
        {
            "form": form,
            "campaign": campaign,
            "municipality": municipality,
            "title": title,
            "cancel_url": contacts_url,
            "is_open": timezone.localdate() <= campaign.ends_on,
            "breadcrumbs": _campaign_crumbs(
                campaign, (municipality.name, contacts_url), (title, None)
            ),
        },
    )


def _current_nomination(request: AuthenticatedHttpRequest, action: str, pk: int) -> Nomination:
    return fetch_or_404(
        nomination_policy,
        request.user,
        action,
        queryset=nomination_policy.visible(request.user, action).select_related(
            "campaign", "municipality__county__area", "provider", "person"
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_replace(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    old = _current_nomination(request, "replace", pk)
    campaign, municipality = old.campaign, old.municipality
    form = _nomination_form(request, municipality, slot_fixed=True, initial={"nominee": "existing"})
    contacts_url = reverse("vipu:municipality_contacts", args=[campaign.pk, municipality.code])
    if request.method == "POST" and form.is_valid():
        nomination = _nominate(
            request, form, campaign=campaign, municipality=municipality, replaces=old
        )
        if nomination is not None:
            messages.success(
                request,
                _("%(new)s replaced %(old)s as a contact person and was told by e-mail.")
                % {"new": nomination.person.full_name, "old": old.person.full_name},
            )
            return redirect(contacts_url)
    title = _("Replace a contact person")
    return render(
        request,
        "vipu/nomination_form.html",
        {
            "form": form,
            "campaign": campaign,
            "municipality": municipality,
            "replaces": old,
            "title": title,
            "cancel_url": contacts_url,
            "is_open": timezone.localdate() <= campaign.ends_on,
            "breadcrumbs": _campaign_crumbs(
                campaign, (municipality.name, contacts_url), (title, None)
            ),
        },
    )


@login_required
@require_POST
def nomination_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Withdraw a contact; the first post asks for confirmation, the second one acts."""
    nomination = _current_nomination(request, "withdraw", pk)
    campaign, municipality = nomination.campaign, nomination.municipality
    contacts_url = reverse("vipu:municipality_contacts", args=[campaign.pk, municipality.code])
    if request.POST.get("confirm") != "yes":
        title = _("Withdraw a contact person")
        return render(
            request,
            "vipu/nomination_withdraw.html",
            {
                "nomination": nomination,
                "municipality": municipality,
                "title": title,
                "cancel_url": contacts_url,
                "breadcrumbs": _campaign_crumbs(
                    campaign, (municipality.name, contacts_url), (title, None)
                ),
            },
        )
    try:
        services.nomination_withdraw(actor=request.user, nomination=nomination)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is no longer a contact person of %(municipality)s.")
            % {"name": nomination.person.full_name, "municipality": municipality.name},
        )
    return redirect(contacts_url)


# --- Export -------------------------------------------------------------------------------------


@login_required
@require_safe
def contacts_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    campaign = fetch_or_404(campaign_policy, request.user, "export", pk=pk)
    form = ContactExportForm(request.GET, areas=Area.objects.order_by("code"))
    if not form.is_valid():
        messages.error(request, _("Choose the contacts to export from the lists."))
        return redirect(campaign)
    filters = form.filters()
    nominations = selectors.contact_rows_for_export(
        selectors.contact_rows(
            campaign,
            area=filters.area,
            responsibility=filters.responsibility,
            language=filters.language,
            queryset=nomination_policy.visible(request.user, "view"),
        )
    )
    rows = presenters.export_rows(nominations)
    services.record_contacts_export(
        actor=request.user,
        campaign=campaign,
        area=filters.area,
        details={**filters.as_details(), "format": fmt, "rows": len(rows)},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return table_response(fmt, f"vipu-contacts-{stamp}", presenters.export_header(), rows)
