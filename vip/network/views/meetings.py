"""Meetings of the network's groups, their attachments, and decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vip.core.htmx import render_page_or_partial
from vip.core.http import AuthenticatedHttpRequest
from vip.core.page_cache import cache_public_page
from vip.core.pagination import paginate
from vip.core.policies import fetch_or_404
from vip.network import attachment_services, services
from vip.network.forms.meetings import AttachmentForm, DecisionFilterForm, DecisionForm, MeetingForm
from vip.network.models import NETWORK_DATA, Decision, Group, Meeting, MeetingAttachment
from vip.network.policies import (
    attachment_policy,
    decision_policy,
    group_policy,
    meeting_policy,
)
from vip.network.selectors import meetings as selectors
from vip.registry.models import REGISTRY_DATA


def _group_crumbs(group: Group) -> list[tuple[str, str | None]]:
    return [(_("Groups"), reverse("network:group_list")), (str(group), group.get_absolute_url())]


def _meeting_title(meeting: Meeting) -> str:
    return _("Meeting on %(date)s") % {"date": date_format(meeting.date, "SHORT_DATE_FORMAT")}


# --- Meetings -------------------------------------------------------------------------------


def _render_meeting_form(
    request: HttpRequest, form: MeetingForm, group: Group, meeting: Meeting | None
) -> HttpResponse:
    if meeting is None:
        title = _("New meeting")
        crumbs = [*_group_crumbs(group), (title, None)]
    else:
        title = _("Edit meeting")
        crumbs = [
            *_group_crumbs(group),
            (_meeting_title(meeting), meeting.get_absolute_url()),
            (_("Edit"), None),
        ]
    return render(
        request,
        "network/meeting_form.html",
        {
            "form": form,
            "group": group,
            "meeting": meeting,
            "title": title,
            "cancel_url": meeting.get_absolute_url() if meeting else group.get_absolute_url(),
            "breadcrumbs": crumbs,
        },
    )


def _save_meeting(
    request: AuthenticatedHttpRequest, form: MeetingForm, group: Group, meeting: Meeting | None
) -> Meeting | None:
    """Save through the service; a refusal lands on the form's fields."""
    try:
        return services.meeting_save(
            actor=request.user, group=group, meeting=meeting, **form.service_values()
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = fetch_or_404(
        group_policy, request.user, "manage", queryset=Group.objects.select_related("area"), pk=pk
    )
    form = MeetingForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        saved = _save_meeting(request, form, group, None)
        if saved is not None:
            messages.success(request, _("The meeting was saved."))
            return redirect(saved)
    return _render_meeting_form(request, form, group, None)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = fetch_or_404(
        meeting_policy,
        request.user,
        "change",
        queryset=selectors.meeting_with_group(),
        pk=pk,
    )
    group = meeting.group
    form = MeetingForm(request.POST or None, instance=meeting, group=group)
    if request.method == "POST" and form.is_valid():
        saved = _save_meeting(request, form, group, meeting)
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return redirect(saved)
    if request.method == "POST":
        # Validating the form changed the instance; the page names the stored meeting.
        meeting.refresh_from_db()
    return _render_meeting_form(request, form, group, meeting)


def _render_meeting(
    request: HttpRequest,
    meeting: Meeting,
    upload_form: AttachmentForm | None = None,
) -> HttpResponse:
    user = request.user
    can_change = meeting_policy.can(user, "change", meeting)
    if can_change and upload_form is None:
        upload_form = AttachmentForm()
    group = meeting.group
    # Who attended (and who did not) is published together with the minutes.
    show_minutes = meeting_policy.can(user, "view_minutes", meeting)
    return render(
        request,
        "network/meeting_detail.html",
        {
            "meeting": meeting,
            "group": group,
            "title": _meeting_title(meeting),
            "decisions": selectors.meeting_decisions(meeting),
            "attendance": selectors.meeting_attendance(meeting) if show_minutes else None,
            "show_minutes": show_minutes,
            "attachments": selectors.meeting_attachments(user, meeting),
            "can_change": can_change,
            "upload_form": upload_form if can_change else None,
            "breadcrumbs": [*_group_crumbs(group), (_meeting_title(meeting), None)],
        },
    )


@require_safe
@cache_public_page(NETWORK_DATA, REGISTRY_DATA)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = fetch_or_404(
        meeting_policy, request.user, "view", queryset=selectors.meeting_with_group(), pk=pk
    )
    return _render_meeting(request, meeting)


# --- Attachments ----------------------------------------------------------------------------


@require_POST
@login_required
def attachment_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = fetch_or_404(
        meeting_policy, request.user, "change", queryset=selectors.meeting_with_group(), pk=pk
    )
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.meeting_attachment_add(
                actor=request.user,
                meeting=meeting,
                upload=form.cleaned_data["file"],
                public=form.cleaned_data["public"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The attachment was added."))
            return redirect(meeting)
    # The meeting page again, with the upload form showing what was wrong.
    return _render_meeting(request, meeting, upload_form=form)


def _managed_attachment(request: AuthenticatedHttpRequest, pk: int) -> MeetingAttachment:
    """An attachment of a meeting the user manages; 404 for everyone else."""
    attachment = (
        MeetingAttachment.objects.select_related("meeting__group__area")
        .filter(pk=pk, meeting__in=meeting_policy.visible(request.user, "change"))
        .first()
    )
    if attachment is None or not meeting_policy.can(request.user, "change", attachment.meeting):
        raise Http404
    return attachment


@require_POST
@login_required
def attachment_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Make an attachment public or private (``public`` is 1 or 0)."""
    attachment = _managed_attachment(request, pk)
    public = request.POST.get("public")
    if public not in {"0", "1"}:
        return HttpResponseBadRequest()
    attachment_services.attachment_update(
        actor=request.user, attachment=attachment, public=public == "1"
    )
    if attachment.public:
        message = _("%(name)s is now public.")
    else:
        message = _("%(name)s is no longer public: only the group's managers can open it.")
    messages.success(request, message % {"name": attachment.original_name})
    return redirect(attachment.meeting)


@require_POST
@login_required
def attachment_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attachment = _managed_attachment(request, pk)
    attachment_services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(
        request, _("The attachment %(name)s was removed.") % {"name": attachment.original_name}
    )
    return redirect(attachment.meeting)


@require_safe
def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    try:
        attachment = fetch_or_404(
            attachment_policy,
            request.user,
            "view",
            queryset=selectors.attachment_for_download(pk),
        )
    except Http404:
        # A private attachment may be the visitor's once signed in.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not attachment.public:
        response["Cache-Control"] = "private, no-store"
    return response


# --- Decisions ------------------------------------------------------------------------------


@require_safe
@cache_public_page(NETWORK_DATA, REGISTRY_DATA)
def decision_list(request: HttpRequest) -> HttpResponse:
    form = DecisionFilterForm(request.GET or None)
    decisions = selectors.decision_list(
        form.filters(), decision_policy.visible(request.user, "view")
    )
    page = paginate(request, decisions, per_page=25)
    managed = selectors.managed_group_ids(request.user)
    context: dict[str, Any] = {
        "form": form,
        "today": timezone.localdate(),
        "closed_statuses": selectors.CLOSED_STATUSES,
        "managed_group_ids": managed,
        "breadcrumbs": [(_("Decisions"), None)],
        **page,
    }
    return render_page_or_partial(request, "network/decision_list.html", "results", context)


def _decisions_of(group: Group) -> str:
    return f"{reverse('network:decision_list')}?group={group.pk}"


def _render_decision_form(
    request: HttpRequest, form: DecisionForm, group: Group, decision: Decision | None
) -> HttpResponse:
    title = _("New decision") if decision is None else _("Edit decision")
    return render(
        request,
        "network/decision_form.html",
        {
            "form": form,
            "group": group,
            "decision": decision,
            "title": title,
            "cancel_url": _decisions_of(group),
            "breadcrumbs": [
                *_group_crumbs(group),
                (_("Decisions"), _decisions_of(group)),
                (title, None),
            ],
        },
    )


def _save_decision(
    request: AuthenticatedHttpRequest, form: DecisionForm, group: Group, decision: Decision | None
) -> Decision | None:
    values = {name: form.cleaned_data[name] for name in services.DECISION_FIELDS}
    try:
        return services.decision_save(actor=request.user, group=group, decision=decision, **values)
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _after_decision(decision: Decision) -> HttpResponse:
    if decision.meeting_id is not None:
        return redirect("network:meeting_detail", decision.meeting_id)
    return redirect(_decisions_of(decision.group))


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = fetch_or_404(
        group_policy, request.user, "manage", queryset=Group.objects.select_related("area"), pk=pk
    )
    initial: dict[str, Any] = {}
    meeting_id = request.GET.get("meeting", "")
    if meeting_id.isdigit():
        # Adding a decision from a meeting's page: that meeting and its date.
        meeting = selectors.group_meetings(group).filter(pk=int(meeting_id)).first()
        if meeting is not None:
            initial = {"meeting": meeting, "date": meeting.date}
    form = DecisionForm(request.POST or None, initial=initial, group=group)
    if request.method == "POST" and form.is_valid():
        saved = _save_decision(request, form, group, None)
        if saved is not None:
            messages.success(request, _("The decision was saved."))
            return _after_decision(saved)
    return _render_decision_form(request, form, group, None)


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    decision = fetch_or_404(
        decision_policy, request.user, "change", queryset=selectors.decision_with_group(), pk=pk
    )
    group = decision.group
    form = DecisionForm(request.POST or None, instance=decision, group=group)
    if request.method == "POST" and form.is_valid():
        saved = _save_decision(request, form, group, decision)
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return _after_decision(saved)
    return _render_decision_form(request, form, group, decision)
