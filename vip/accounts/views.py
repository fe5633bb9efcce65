"""Sign-in, the user's own account, and managing users and their roles."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from vip.accounts import policies, scopes, selectors, services, throttling, totp
from vip.accounts.forms import (
    ApiTokenForm,
    GrantForm,
    InviteForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SecondFactorForm,
    SetPasswordForm,
    TwoFactorSetupForm,
)
from vip.accounts.middleware import SECOND_FACTOR_DONE, start_session_clock
from vip.accounts.models import User
from vip.accounts.roles import requires_two_factor
from vip.accounts.tokens import invitation_token_generator
from vip.audit.models import AuditAction
from vip.core import request_context
from vip.core.http import AuthenticatedHttpRequest
from vip.core.pagination import paginate
from vip.core.policies import fetch_or_404

PENDING_USER = "vip_pending_user"
PENDING_AT = "vip_pending_at"
PENDING_NEXT = "vip_pending_next"
# The password step is valid for five minutes while the code is asked for.
PENDING_MAX_AGE = 300


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("core:home")


def _client_ip() -> str | None:
    context = request_context.current()
    return context.ip if context else None


def _complete_login(
    request: HttpRequest, user: User, *, second_factor: bool, next_url: str
) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    start_session_clock(request.session, second_factor=second_factor)
    services.record_login(user=user)
    return HttpResponseRedirect(next_url)


def _throttled_message() -> str:
    return _("Too many failed attempts. Wait %(minutes)d minutes and try again.") % {
        "minutes": throttling.retry_minutes()
    }


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if throttling.is_throttled(email=email, ip=_client_ip()):
            services.record_throttled(email=email)
            form.add_error(None, _throttled_message())
        else:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is None:
                known = selectors.user_by_email(email)
                services.record_login_failure(email=email, user=known, reason="password")
                form.add_error(None, _("The e-mail address or the password is not correct."))
            elif selectors.has_second_factor(user):
                request.session.cycle_key()
                request.session[PENDING_USER] = user.pk
                request.session[PENDING_AT] = int(time.time())
                request.session[PENDING_NEXT] = next_url
                return redirect("accounts:login_verify")
            else:
                return _complete_login(request, user, second_factor=False, next_url=next_url)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": next_url, "breadcrumbs": [(_("Sign in"), None)]},
    )


def _pending_user(request: HttpRequest) -> User | None:
    pk = request.session.get(PENDING_USER)
    started = request.session.get(PENDING_AT, 0)
    if not pk or time.time() - started > PENDING_MAX_AGE:
        return None
    return selectors.active_user(pk)


def _clear_pending(request: HttpRequest) -> str:
    request.session.pop(PENDING_USER, None)
    request.session.pop(PENDING_AT, None)
    return str(request.session.pop(PENDING_NEXT, reverse("core:home")))


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def login_verify(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        _clear_pending(request)
        messages.info(request, _("Sign in again to continue."))
        return redirect("accounts:login")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttling.is_throttled(email=user.email, ip=_client_ip()):
            services.record_throttled(email=user.email)
            _clear_pending(request)
            messages.error(request, _throttled_message())
            return redirect("accounts:login")
        result = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
        if result.ok:
            next_url = _clear_pending(request)
            if result.used_recovery_code:
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code. Each code works once; create new "
                        "codes on your account page if you are running out."
                    ),
                )
            return _complete_login(request, user, second_factor=True, next_url=next_url)
        form.add_error(
            "code", _("The code is not correct. Check the time on your phone and try again.")
        )
    return render(
        request,
        "accounts/login_verify.html",
        {"form": form, "breadcrumbs": [(_("Sign in"), None)]},
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.record_logout(user=request.user)
        logout(request)
        messages.success(request, _("You have signed out."))
    return redirect("core:home")


# --- Passwords (Django's flows, with our forms, templates and audit) ------------------------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        for user in form.get_users(form.cleaned_data["email"]):
            services.record_password_event(user=user, action=AuditAction.PASSWORD_RESET_REQUESTED)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_event(user=form.user, action=AuditAction.PASSWORD_RESET_COMPLETED)
        return response


class InvitationAcceptView(PasswordResetConfirmView):
    """The link in an invitation: the new user chooses their first password."""

    token_generator = invitation_token_generator
    reset_url_token = "set-password"  # noqa: S105 - a URL segment, not a secret
    template_name = "accounts/invitation_accept.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.invitation_accepted(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_event(user=form.user, action=AuditAction.PASSWORD_CHANGED)
        messages.success(self.request, _("Your password has been changed."))
        return response


# --- The user's own account -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "given_name": user.given_name,
            "family_name": user.family_name,
            "language": user.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(actor=user, user=user, **form.cleaned_data)
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:account")
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "grants": selectors.active_grants_of(user),
            "has_second_factor": selectors.has_second_factor(user),
            "second_factor_required": any(
                requires_two_factor(g.role) for g in scopes.active_grants(user)
            ),
            "token_count": selectors.usable_token_count(user),
            "breadcrumbs": [(_("My account"), None)],
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    breadcrumbs = [
        (_("My account"), reverse("accounts:account")),
        (_("Two-step verification"), None),
    ]
    if selectors.has_second_factor(user):
        if request.session.get(SECOND_FACTOR_DONE):
            return render(
                request,
                "accounts/two_factor_status.html",
                {
                    "required": any(
                        requires_two_factor(g.role) for g in scopes.active_grants(user)
                    ),
                    "breadcrumbs": breadcrumbs,
                },
            )
        # Signed in before the requirement applied: prove the factor once now.
        verify_form = SecondFactorForm(request.POST or None)
        if request.method == "POST" and verify_form.is_valid():
            if services.second_factor_verify(user=user, code=verify_form.cleaned_data["code"]).ok:
                request.session[SECOND_FACTOR_DONE] = True
                return redirect("core:home")
            verify_form.add_error("code", _("The code is not correct."))
        return render(
            request,
            "accounts/login_verify.html",
            {"form": verify_form, "breadcrumbs": breadcrumbs},
        )

    device = services.totp_begin(user=user)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SECOND_FACTOR_DONE] = True
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "first_time": True, "breadcrumbs": breadcrumbs},
            )
    uri = totp.provisioning_uri(device.secret, user.email, _("VIP network"))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": device.secret,
            "qr_svg": totp.qr_code_svg(uri),
            "breadcrumbs": breadcrumbs,
        },
    )


@login_required
@require_POST
def two_factor_disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if any(requires_two_factor(g.role) for g in scopes.active_grants(user)):
        messages.error(
            request, _("Your role requires two-step verification; it cannot be turned off.")
        )
        return redirect("accounts:two_factor_setup")
    services.totp_disable(actor=user, user=user)
    request.session[SECOND_FACTOR_DONE] = False
    messages.success(request, _("Two-step verification has been turned off."))
    return redirect("accounts:account")


@login_required
@require_POST
def recovery_codes_regenerate(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not selectors.has_second_factor(user) or not request.session.get(SECOND_FACTOR_DONE):
        raise Http404
    codes = services.recovery_codes_regenerate(user=user)
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "first_time": False,
            "breadcrumbs": [
                (_("My account"), reverse("accounts:account")),
                (_("Recovery codes"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = ApiTokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.api_token_create(user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The secret is shown in this response only; it is never stored.
            form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "issued": issued,
            "tokens": policies.api_token_policy.visible(user),
            "breadcrumbs": [
                (_("My account"), reverse("accounts:account")),
                (_("API tokens"), None),
            ],
        },
    )


@login_required
@require_POST
def api_token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = fetch_or_404(policies.api_token_policy, request.user, "revoke", pk=pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:api_tokens")


# --- Managing users and roles ---------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    visible = policies.user_policy.visible(request.user, "manage")
    if not policies.user_policy.can(request.user, "invite") and not visible.exists():
        raise Http404
    search = request.GET.get("q", "").strip()[:100]
    context = paginate(request, selectors.user_list(visible, search), per_page=50)
    users = list(context["object_list"])
    counts = selectors.grant_counts(users)
    return render(
        request,
        "accounts/user_list.html",
        {
            **context,
            "rows": [(u, counts.get(u.pk, 0)) for u in users],
            "q": search,
            "can_invite": policies.user_policy.can(request.user, "invite"),
            "breadcrumbs": [(_("Users and roles"), None)],
        },
    )


def _apply_grant_scope_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            target = "organisation_query" if field == "organisation" else field
            for message in messages_:
                form.add_error(target if target in form.fields else None, message)
    else:
        form.add_error(None, error)


@login_required
@require_http_methods(["GET", "POST"])
def user_invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policies.user_policy.can(request.user, "invite"):
        raise Http404
    form = InviteForm(
        request.POST or None,
        roles=policies.grantable_roles(request.user),
        organisations=policies.grantable_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not policies.can_grant(
            request.user, data["role"], area=data.get("area"), organisation=data.get("organisation")
        ):
            form.add_error(
                "role", _("You cannot grant this role on the chosen area or organisation.")
            )
        else:
            try:
                user = services.user_invite(
                    actor=request.user, **_without(data, "organisation_query")
                )
            except ValidationError as error:
                _apply_grant_scope_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The user was created and an invitation was sent to %(email)s.")
                    % {"email": user.email},
                )
                return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/user_invite.html",
        {
            "form": form,
            "breadcrumbs": [
                (_("Users and roles"), reverse("accounts:user_list")),
                (_("Invite a user"), None),
            ],
        },
    )


def _without(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in names}


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = fetch_or_404(policies.user_policy, request.user, "manage", pk=pk)
    roles = policies.grantable_roles(request.user)
    form = GrantForm(
        request.POST or None,
        roles=roles,
        organisations=policies.grantable_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not policies.can_grant(
            request.user, data["role"], area=data.get("area"), organisation=data.get("organisation")
        ):
            form.add_error(
                "role", _("You cannot grant this role on the chosen area or organisation.")
            )
        else:
            try:
                services.role_grant(
                    actor=request.user,
                    user=target,
                    **_without(data, "organisation_query"),
                )
            except ValidationError as error:
                _apply_grant_scope_errors(form, error)
            else:
                messages.success(request, _("The role was granted."))
                return redirect("accounts:user_detail", pk=target.pk)
    grants = [
        (grant, policies.role_grant_policy.can(request.user, "revoke", grant))
        for grant in selectors.grants_of(target)
    ]
    return render(
        request,
        "accounts/user_detail.html",
        {
            "target": target,
            "grants": grants,
            "form": form,
            "breadcrumbs": [
                (_("Users and roles"), reverse("accounts:user_list")),
                (target.full_name, None),
            ],
        },
    )


@login_required
@require_POST
def grant_revoke(request: AuthenticatedHttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    target = fetch_or_404(policies.user_policy, request.user, "manage", pk=pk)
    grant = fetch_or_404(
        policies.role_grant_policy,
        request.user,
        "revoke",
        queryset=policies.role_grant_policy.visible(request.user).select_related(
            "area", "organisation"
        ),
        pk=grant_pk,
        user=target,
    )
    try:
        services.role_revoke(actor=request.user, grant=grant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role was removed."))
    return redirect("accounts:user_detail", pk=target.pk)
