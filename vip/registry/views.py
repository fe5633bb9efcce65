"""Registry pages: areas, municipalities and organisations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vip.core.htmx import render_page_or_partial
from vip.core.http import AuthenticatedHttpRequest
from vip.core.page_cache import cache_public_page
from vip.core.pagination import paginate
from vip.core.policies import fetch_or_404
from vip.network.models import NETWORK_DATA
from vip.network.selectors import groups as group_selectors
from vip.registry import presenters, selectors, services
from vip.registry.forms import MunicipalityFilterForm, OrganisationFilterForm, OrganisationForm
from vip.registry.models import REGISTRY_DATA, Organisation
from vip.registry.policies import area_policy, municipality_policy, organisation_policy
from vip.registry.presenters import RegionalGroupSummary
from vip.vipu import presenters as vipu_presenters
from vip.vipu import selectors as vipu_selectors
from vip.vipu.models import VIPU_DATA


@require_safe
@cache_public_page(REGISTRY_DATA)
def area_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/area_list.html",
        {
            "areas": selectors.area_list(),
            "counties": selectors.county_list(),
            "breadcrumbs": [(_("Areas"), None)],
        },
    )


@require_safe
@cache_public_page(REGISTRY_DATA, NETWORK_DATA, VIPU_DATA)
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = fetch_or_404(area_policy, request.user, "view", code=code)
    today = timezone.localdate()
    regional_groups = [
        RegionalGroupSummary(
            group=group,
            gaps=group_selectors.representation_gaps(group, today),
            without_deputy=group_selectors.members_without_deputy(group, today),
        )
        for group in group_selectors.area_regional_groups(area, today)
    ]
    campaign = vipu_selectors.current_campaign()
    coverage = (
        vipu_presenters.coverage_dashboard(
            vipu_selectors.vipu_coverage(campaign), area=area, linked_codes=set()
        )
        if campaign is not None
        else None
    )
    return render(
        request,
        "registry/area_detail.html",
        {
            "area": area,
            "municipalities": selectors.area_municipalities(area),
            "regional_groups": regional_groups,
            "core_groups": group_selectors.area_groups(area, today),
            "campaign": campaign,
            "coverage": coverage,
            "breadcrumbs": [(_("Areas"), reverse("registry:area_list")), (str(area), None)],
        },
    )


@require_safe
@cache_public_page(REGISTRY_DATA)
def municipality_list(request: HttpRequest) -> HttpResponse:
    form = MunicipalityFilterForm(request.GET or None)
    queryset = selectors.municipality_list(form.filters())
    page = paginate(request, queryset, per_page=50)
    context = {
        "form": form,
        "breadcrumbs": [(_("Municipalities"), None)],
        "rows": presenters.municipality_rows(page["object_list"]),
        **page,
    }
    return render_page_or_partial(request, "registry/municipality_list.html", "results", context)


@require_safe
@cache_public_page(REGISTRY_DATA)
def municipality_detail(request: HttpRequest, code: str) -> HttpResponse:
    municipality = fetch_or_404(
        municipality_policy,
        request.user,
        "view",
        queryset=municipality_policy.visible(request.user).select_related("county__area"),
        code=code,
    )
    return render(
        request,
        "registry/municipality_detail.html",
        {
            "municipality": municipality,
            "organisations": selectors.municipality_organisations(municipality),
            "breadcrumbs": [
                (_("Municipalities"), reverse("registry:municipality_list")),
                (municipality.name, None),
            ],
        },
    )


@require_safe
@cache_public_page(REGISTRY_DATA)
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    queryset = selectors.organisation_list(
        form.filters(), organisation_policy.visible(request.user, "view")
    )
    page = paginate(request, queryset, per_page=50)
    context = {
        "form": form,
        "can_create": organisation_policy.can(request.user, "create"),
        "breadcrumbs": [(_("Organisations"), None)],
        "rows": presenters.organisation_rows(page["object_list"]),
        **page,
    }
    return render_page_or_partial(request, "registry/organisation_list.html", "results", context)


def _organisation_breadcrumbs(organisation: Organisation, *tail: tuple[str, str | None]) -> list:
    crumbs: list[tuple[str, str | None]] = [
        (_("Organisations"), reverse("registry:organisation_list"))
    ]
    crumbs += [
        (str(a), a.get_absolute_url()) for a in selectors.organisation_ancestors(organisation)
    ]
    return crumbs + list(tail)


@require_safe
@cache_public_page(REGISTRY_DATA)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = fetch_or_404(
        organisation_policy,
        request.user,
        "view",
        queryset=selectors.organisation_detail(pk),
    )
    # A large provider has hundreds of units; they are shown fifty at a time.
    units = paginate(request, selectors.organisation_children(organisation), per_page=50)
    return render(
        request,
        "registry/organisation_detail.html",
        {
            "organisation": organisation,
            "rows": presenters.organisation_rows(units["object_list"]),
            **units,
            "can_change": organisation_policy.can(request.user, "change", organisation),
            "can_add_child": organisation_policy.can(request.user, "create", organisation),
            "breadcrumbs": _organisation_breadcrumbs(organisation, (str(organisation), None)),
        },
    )


def _parent_choices(request: HttpRequest, *keep: Organisation | None) -> QuerySet[Organisation]:
    # Schools and early-childhood units are leaves of the tree in practice;
    # leaving them out keeps the parent list short enough to choose from,
    # except the parent asked for or already chosen.
    leaves = [Organisation.Kind.SCHOOL, Organisation.Kind.EARLY_CHILDHOOD_UNIT]
    kept = [organisation.pk for organisation in keep if organisation is not None]
    return organisation_policy.visible(request.user, "create").filter(
        ~Q(kind__in=leaves) | Q(pk__in=kept)
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    parent: Organisation | None = None
    if parent_id := request.GET.get("parent"):
        if not parent_id.isdigit():
            raise Http404
        parent = fetch_or_404(organisation_policy, request.user, "create", pk=int(parent_id))
    elif (
        not organisation_policy.can(request.user, "create")
        and not organisation_policy.visible(request.user, "create").exists()
    ):
        # Without a parent only national administrators may create; others may
        # add units under organisations they are responsible for.
        raise Http404
    allowed_parents = _parent_choices(request, parent)
    initial = {"parent": parent, "municipality": parent.municipality if parent else None}
    form = OrganisationForm(
        request.POST or None,
        initial=initial,
        parent_choices=allowed_parents,
    )
    if request.method == "POST" and form.is_valid():
        chosen_parent = form.cleaned_data["parent"]
        if not organisation_policy.can(request.user, "create", chosen_parent):
            form.add_error("parent", _("Choose an organisation you are responsible for."))
        else:
            try:
                organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The organisation was created."))
                return redirect(organisation)
    return render(
        request,
        "registry/organisation_form.html",
        {
            "form": form,
            "title": _("New organisation"),
            "breadcrumbs": [
                (_("Organisations"), reverse("registry:organisation_list")),
                (_("New organisation"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = fetch_or_404(organisation_policy, request.user, "change", pk=pk)
    # Validating a model form changes its instance, so remember the parent first.
    original_parent_id = organisation.parent_id
    form = OrganisationForm(
        request.POST or None,
        instance=organisation,
        parent_choices=_parent_choices(request, organisation.parent).exclude(
            tree_path__startswith=organisation.tree_path
        ),
    )
    if request.method == "POST" and form.is_valid():
        new_parent = form.cleaned_data["parent"]
        moved = (new_parent.pk if new_parent else None) != original_parent_id
        if moved and not organisation_policy.can(request.user, "create", new_parent):
            # Moving needs the same right as creating there: no escaping one's own tree.
            form.add_error("parent", _("Choose an organisation you are responsible for."))
        else:
            try:
                services.organisation_update(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect(organisation)
    return render(
        request,
        "registry/organisation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "title": _("Edit organisation"),
            "breadcrumbs": _organisation_breadcrumbs(
                organisation,
                (str(organisation), organisation.get_absolute_url()),
                (_("Edit"), None),
            ),
        },
    )
