from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vip.accounts.models import ApiToken, User
from vip.accounts.roles import Role
from vip.core.forms import Form, GovukFormMixin
from vip.core.models import search_key
from vip.registry.models import Area, Organisation


class LoginForm(Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SecondFactorForm(Form):
    code = forms.CharField(
        label=_("Verification code"),
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input--width-10",
                "spellcheck": "false",
            }
        ),
    )


class TwoFactorSetupForm(Form):
    code = forms.CharField(
        label=_("Code from the app"),
        help_text=_("Enter the 6-digit code the app shows after you have added the account."),
        max_length=10,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input--width-5",
            }
        ),
    )


class ProfileForm(Form):
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    language = forms.ChoiceField(
        label=_("Language of e-mail messages"), choices=User.Language.choices
    )


class PasswordChangeForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    def get_users(self, email: str) -> Any:
        # Unlike Django's form, also users who have no password yet: an invited
        # user whose invitation expired gets a new link this way.
        return User.objects.filter(email=email.strip().lower(), is_active=True)


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass


def _default_token_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=90)


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the name of the integration."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=ApiToken.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one scope.")},
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        initial=_default_token_expiry,
        help_text=_("For example 31.12.2026. At most one year from today."),
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
    )


class GrantForm(Form):
    """A role on a scope. The organisation is found by search, so no list of thousands."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.all(),
        required=False,
        help_text=_("Only for area coordinators."),
    )
    organisation_query = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=200,
        help_text=_(
            "Name, Statistics Finland school code or OID. For municipal administrators and staff."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Choose the organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    starts_on = forms.DateField(
        label=_("Starts on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
        help_text=_("For example 1.8.2026"),
    )
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
        help_text=_("Leave empty if the role continues until further notice."),
    )

    MAX_CANDIDATES = 20

    def __init__(
        self,
        *args: Any,
        roles: list[str],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [(role, labels[role]) for role in roles]
        self.organisations = organisations
        self.candidates: list[Organisation] = []
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        # The radio list appears only when a search matched several organisations.
        field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role not in (Role.MUNICIPAL_ADMIN, Role.STAFF):
            data["organisation"] = None
            return data
        if data.get("organisation") is not None:
            return data
        query = (data.get("organisation_query") or "").strip()
        if not query:
            self.add_error("organisation_query", _("Enter the organisation this role covers."))
            return data
        exact = self.organisations.filter(school_code=query) | self.organisations.filter(oid=query)
        matches = list(exact[:2]) or list(
            self.organisations.filter(search_text__contains=search_key(query)).order_by(
                "name_fi", "id"
            )[: self.MAX_CANDIDATES + 1]
        )
        if not matches:
            self.add_error(
                "organisation_query",
                _("No organisation you are responsible for matches “%(query)s”.")
                % {"query": query},
            )
        elif len(matches) == 1:
            data["organisation"] = matches[0]
        else:
            self.candidates = matches[: self.MAX_CANDIDATES]
            field = self.fields["organisation"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = self.organisations.filter(pk__in=[o.pk for o in self.candidates])
            field.widget = forms.RadioSelect(attrs={"class": "govuk-radios__input"})
            field.widget.choices = field.choices
            self.add_error(
                "organisation",
                _("Several organisations match. Choose one of them, or search more precisely."),
            )
        return data


class InviteForm(GrantForm):
    email = forms.EmailField(label=_("Work e-mail address"))
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    language = forms.ChoiceField(
        label=_("Language of e-mail messages"), choices=User.Language.choices
    )

    field_order = ["email", "given_name", "family_name", "language"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _("A user with this e-mail address already exists. Grant the role on their page.")
            )
        return email
