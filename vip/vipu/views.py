"""VIPU pages: the coverage dashboard and map, campaigns, a municipality's contacts,
nominations and the contacts export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vip.core.http import AuthenticatedHttpRequest
from vip.core.page_cache import cache_public_page
from vip.core.policies import fetch_or_404
from vip.core.xlsx_export import table_response
from vip.network import services as network_services
from vip.network.models import Person
from vip.network.selectors import people as people_selectors
from vip.registry.models import REGISTRY_DATA, Area, Municipality, Organisation
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
            "has_ended": campaign is not None and timezone.localdate() > campaign.ends_on,
            "not_started": campaign is not None and timezone.localdate() < campaign.starts_on,
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
@cache_public_page(VIPU_DATA, REGISTRY_DATA, params=("area",))
def coverage(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, selectors.current_campaign(), current=True)


@require_safe
@cache_public_page(VIPU_DATA, REGISTRY_DATA, params=("area",))
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = fetch_or_404(campaign_policy, request.user, "view", pk=pk)
    return _dashboard(request, campaign, current=False)


# --- Campaigns ----------------------------------------------------------------------------------


@require_safe
@cache_public_page(VIPU_DATA, REGISTRY_DATA, params=())
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
#
# Pages and files with contact details are marked never_cache: no browser or proxy keeps them.


@login_required
@never_cache
@require_safe
def municipality_contacts(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    campaign = fetch_or_404(campaign_policy, request.user, "view", pk=pk)
    municipality = _municipality(request, "view", code)
    scope = municipality_contacts_policy.provider_scope(request.user, municipality)
    providers = list(selectors.municipality_providers(municipality))
    nominations = selectors.municipality_nominations(campaign, municipality)
    if scope is not None:
        # A provider's administrator: that provider's contacts only.
        providers = [p for p in providers if p.pk in scope]
        nominations = nominations.filter(provider_id__in=sorted(scope))
    contacts = presenters.municipality_contacts(
        campaign, municipality, nominations, providers, municipal=scope is None
    )
    may_nominate = municipality_contacts_policy.can(request.user, "nominate", municipality)
    closed = services.closed_reason(campaign)
    return render(
        request,
        "vipu/municipality_contacts.html",
        {
            "campaign": campaign,
            "municipality": municipality,
            "contacts": contacts,
            "may_nominate": may_nominate and closed is None,
            "may_withdraw": may_nominate and closed is None,
            "closed_reason": closed,
            "has_ended": timezone.localdate() > campaign.ends_on,
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
        return data["person"], "person_query", False
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


def _hide_who_was_found(
    error: ValidationError, municipality: Municipality, provider: Organisation | None
) -> ValidationError:
    """The refusal of someone found by the e-mail address typed, without their name.

    The address may belong to anyone in the registry; naming them would let a
    municipal administrator look up who owns any address.
    """
    if not hasattr(error, "error_dict") or "person" not in error.error_dict:
        return error
    employer = provider.name if provider is not None else municipality.name
    errors = dict(error.error_dict)
    errors["person"] = [
        ValidationError(
            _(
                "A person with this e-mail address is already in the registry but cannot "
                "be named here: they do not work for %(employer)s."
            )
            % {"employer": employer}
        )
    ]
    return ValidationError(errors)


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
    person_field, found = "person_query", False
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
        if found:
            error = _hide_who_was_found(error, municipality, provider)
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
    employers: Q,
    providers: QuerySet[Organisation],
    slot_fixed: bool,
    provider_required: bool = False,
    initial: dict[str, Any] | None = None,
) -> NominationForm:
    return NominationForm(
        request.POST or None,
        initial=initial or {},
        municipality=municipality,
        employers=employers,
        organisations=selectors.nominee_organisations(employers),
        providers=providers,
        slot_fixed=slot_fixed,
        provider_required=provider_required,
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


def _named_message(nomination: Nomination, municipality: Municipality) -> str:
    values = {"name": nomination.person.full_name, "municipality": municipality.name}
    if nomination.person.email:
        return (
            _("%(name)s is now a contact person of %(municipality)s and was told by e-mail.")
            % values
        )
    return (
        _(
            "%(name)s is now a contact person of %(municipality)s. The registry has no e-mail "
            "address for them, so let them know yourself."
        )
        % values
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def nomination_create(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    campaign = fetch_or_404(campaign_policy, request.user, "view", pk=pk)
    municipality = _municipality(request, "nominate", code)
    scope = municipality_contacts_policy.provider_scope(request.user, municipality)
    providers = selectors.municipality_providers(municipality)
    if scope is not None:
        providers = providers.filter(pk__in=sorted(scope))
    form = _nomination_form(
        request,
        municipality,
        employers=selectors.nominee_pool_filter(
            municipality, list(providers), municipal=scope is None
        ),
        providers=providers,
        slot_fixed=False,
        provider_required=scope is not None,
        initial=_initial_slot(request, municipality),
    )
    contacts_url = reverse("vipu:municipality_contacts", args=[campaign.pk, municipality.code])
    if request.method == "POST" and form.is_valid():
        nomination = _nominate(request, form, campaign=campaign, municipality=municipality)
        if nomination is not None:
            messages.success(request, _named_message(nomination, municipality))
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
            "closed_reason": services.closed_reason(campaign),
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


def _replaced_message(nomination: Nomination, old: Nomination) -> str:
    values = {"new": nomination.person.full_name, "old": old.person.full_name}
    if nomination.person.email:
        return _("%(new)s replaced %(old)s as a contact person and was told by e-mail.") % values
    return (
        _(
            "%(new)s replaced %(old)s as a contact person. The registry has no e-mail "
            "address for them, so let them know yourself."
        )
        % values
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def nomination_replace(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    old = _current_nomination(request, "replace", pk)
    campaign, municipality = old.campaign, old.municipality
    form = _nomination_form(
        request,
        municipality,
        employers=selectors.employer_filter(
            municipality, provider=old.provider, responsibility=old.responsibility
        ),
        providers=selectors.municipality_providers(municipality),
        slot_fixed=True,
        initial={"nominee": "existing"},
    )
    contacts_url = reverse("vipu:municipality_contacts", args=[campaign.pk, municipality.code])
    if request.method == "POST" and form.is_valid():
        nomination = _nominate(
            request, form, campaign=campaign, municipality=municipality, replaces=old
        )
        if nomination is not None:
            messages.success(request, _replaced_message(nomination, old))
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
            "closed_reason": services.closed_reason(campaign),
            "breadcrumbs": _campaign_crumbs(
                campaign, (municipality.name, contacts_url), (title, None)
            ),
        },
    )


@login_required
@never_cache
@require_POST
def nomination_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Withdraw a contact; the first post asks for confirmation, the second one acts."""
    nomination = _current_nomination(request, "withdraw", pk)
    campaign, municipality = nomination.campaign, nomination.municipality
    contacts_url = reverse("vipu:municipality_contacts", args=[campaign.pk, municipality.code])
    closed = services.closed_reason(campaign)
    if closed is not None:
        messages.error(request, closed)
        return redirect(contacts_url)
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
@never_cache
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
