"""Forms of the people pages: the directory filters, person records, employments, search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from vip.accounts.models import User, normalise_email
from vip.core.forms import Form, ModelForm
from vip.core.models import search_key
from vip.network.models import LANGUAGE_CODES, Employment, Group, Person, Sector
from vip.network.selectors.people import (
    ORGANISATION_CHOICE_LIMIT,
    PersonFilters,
    organisation_matches,
)
from vip.network.services import CONTACT_FIELDS
from vip.registry.forms import area_filter_field, organisation_label
from vip.registry.models import Organisation

LANGUAGE_CHOICES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
DATE_HINT = _("For example 1.8.2024")


def _date_field(label: Any, *, required: bool = False, help_text: Any = DATE_HINT) -> Any:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
    )


# --- The directory --------------------------------------------------------------------------


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class PersonFilterForm(Form):
    mark_optional = False

    q = forms.CharField(label=_("Name, e-mail or title"), required=False, max_length=100)
    organisation = forms.CharField(
        label=_("Organisation"), required=False, max_length=100, help_text=_("Current employer")
    )
    group = GroupChoiceField(
        label=_("Group"),
        queryset=Group.objects.order_by("kind", "name_fi", "id"),
        required=False,
        empty_label=_("All groups"),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All sectors"),
    )
    area = area_filter_field()

    def filters(self) -> PersonFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return PersonFilters(
            search=data.get("q", ""),
            organisation=data.get("organisation", ""),
            group=data.get("group"),
            sector=data.get("sector"),
            area=data.get("area"),
        )


# --- Choosing an organisation ---------------------------------------------------------------
#
# There are thousands of organisations, too many for one select. The user types
# a name or code; one match is taken at once, several are offered as radio
# buttons on the redisplayed form. This works the same with and without JavaScript.


class OrganisationPicker:
    """Resolves the ``organisation_name`` text (and a chosen radio) to one organisation."""

    def __init__(self, form: forms.BaseForm) -> None:
        self.form = form
        text = form.data.get(form.add_prefix("organisation_name"), "") if form.is_bound else ""
        self.text = str(text).strip()
        found = organisation_matches(self.text) if self.text else []
        self.too_many = len(found) > ORGANISATION_CHOICE_LIMIT
        self.matches = found[:ORGANISATION_CHOICE_LIMIT]
        key = search_key(self.text)
        self.exact = [
            o for o in self.matches if key in {search_key(o.name_fi), search_key(o.name_sv)}
        ]
        if len(self.matches) > 1 and not (len(self.exact) == 1 and not self.too_many):
            widget = form.fields["organisation"].widget
            assert isinstance(widget, forms.RadioSelect)
            widget.choices = [(str(o.pk), organisation_label(o)) for o in self.matches]
        else:
            # Nothing to choose between: leave the radio buttons out of the page.
            del form.fields["organisation"]

    def clean(self, data: dict[str, Any], *, required: bool) -> Organisation | None:
        form = self.form
        if not self.text:
            if required and "organisation_name" not in form.errors:
                # Reached when the field itself is optional but this form needs it.
                form.add_error("organisation_name", _("Enter the name of the organisation."))
            return None
        by_pk = {str(o.pk): o for o in self.matches}
        chosen = data.get("organisation")
        if chosen and chosen in by_pk:
            return by_pk[chosen]
        if not self.matches:
            form.add_error(
                "organisation_name",
                _("No organisation matches “%(text)s”. Check the spelling or try part of the name.")
                % {"text": self.text},
            )
        elif len(self.matches) == 1:
            return self.matches[0]
        elif len(self.exact) == 1 and not self.too_many:
            return self.exact[0]
        elif self.too_many:
            form.add_error(
                "organisation",
                _(
                    "More than %(count)s organisations match “%(text)s”: choose one below "
                    "or type more of the name."
                )
                % {"count": ORGANISATION_CHOICE_LIMIT, "text": self.text},
            )
        else:
            form.add_error(
                "organisation",
                _("Several organisations match “%(text)s”: choose one.") % {"text": self.text},
            )
        return None


def organisation_name_field(*, required: bool) -> forms.CharField:
    return forms.CharField(
        label=_("Organisation"),
        required=required,
        max_length=200,
        error_messages={"required": _("Enter the name of the organisation.")},
        help_text=_(
            "Type the name, part of it or the school code. "
            "If several organisations match, you can choose one."
        ),
    )


def organisation_choice_field() -> forms.CharField:
    # A plain text field under radio buttons: the choices are the matches of the
    # typed name, and a stale choice is simply ignored, not an error.
    return forms.CharField(
        label=_("Choose the organisation"), required=False, widget=forms.RadioSelect
    )


# --- Person records -------------------------------------------------------------------------


class PersonForm(ModelForm):
    """Every field a coordinator edits.

    Whether the contact details are public is the person's own choice: it is
    only on the forms a person fills in about themselves (below).
    """

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages the person can work in."),
        error_messages={"required": _("Choose one or more of Finnish, Swedish and English.")},
    )
    # Only on the edit page of those who may change the whole record (``link_user``).
    user_email = forms.EmailField(
        label=_("Linked user account"),
        required=False,
        max_length=254,
        help_text=_(
            "The e-mail address the person signs in with. The linked account can see "
            "and edit the person's own contact details. Leave empty to unlink."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    # The service names the account ``user``; its errors belong to this field.
    service_error_fields = {"user": "user_email"}

    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "email",
            "phone",
            "title",
            "languages",
        ]
        labels = {"contact_details_public": _("Show my work e-mail and phone publicly")}
        help_texts = {
            "email": _("For example etunimi.sukunimi@kunta.fi"),
            "phone": _("For example +358 40 123 4567"),
            "title": _("For example Special education teacher"),
            "contact_details_public": _(
                "Your work e-mail and phone are shown on public group pages when this is "
                "ticked. Your name, organisation and group roles are public in any case."
            ),
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"class": "govuk-input--width-20", "type": "tel"}),
        }

    def __init__(self, *args: Any, link_user: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["languages"] = self.instance.language_list
        self.linked_user: User | None = None
        if link_user:
            linked = self.instance.user if self.instance.user_id else None
            self.initial["user_email"] = linked.email if linked else ""
        else:
            del self.fields["user_email"]

    def clean_user_email(self) -> str:
        email = normalise_email(str(self.cleaned_data.get("user_email") or ""))
        self.linked_user = None
        if not email:
            return ""
        user = User.objects.filter(email=email).first()
        if user is None:
            raise ValidationError(
                _("No user account has the e-mail address %(email)s.") % {"email": email}
            )
        # Whether the account is active and free is the service's check (person_update).
        self.linked_user = user
        return email

    def clean_email(self) -> str:
        email = str(self.cleaned_data.get("email") or "").strip().lower()
        if email and Person.objects.filter(email=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Another person already has this e-mail address."))
        return email

    def clean_languages(self) -> str:
        chosen = set(self.cleaned_data.get("languages") or [])
        return ",".join(code for code in LANGUAGE_CODES if code in chosen)

    def values(self) -> dict[str, Any]:
        """The person fields, as the services take them."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if "user_email" in self.fields:
            values["user"] = self.linked_user
        return values


class PersonContactForm(PersonForm):
    """What a person may change about themselves, their contact details' publicity included."""

    class Meta(PersonForm.Meta):
        fields = list(CONTACT_FIELDS)


class OwnPersonForm(PersonForm):
    """A coordinator's own record: every field, and the publicity that is theirs to choose."""

    class Meta(PersonForm.Meta):
        fields = [*PersonForm.Meta.fields, "contact_details_public"]


class PersonCreateForm(PersonForm):
    organisation_name = organisation_name_field(required=False)
    organisation = organisation_choice_field()
    employment_start = _date_field(_("Employed since"))

    def __init__(self, *args: Any, organisation_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_required = organisation_required
        self.fields["organisation_name"].required = organisation_required
        self.fields["organisation_name"].label = _("Organisation (current employer)")
        self.picker = OrganisationPicker(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["organisation"] = self.picker.clean(data, required=self.organisation_required)
        return data


# --- Employments ----------------------------------------------------------------------------


class EmploymentForm(Form):
    organisation_name = organisation_name_field(required=True)
    organisation = organisation_choice_field()
    start = _date_field(_("Start date"))
    end = _date_field(_("End date"), help_text=_("Leave empty if the employment continues."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.picker = OrganisationPicker(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["organisation"] = self.picker.clean(data, required=True)
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date cannot be before the start date."))
        return data


class EmploymentEndForm(Form):
    """Ends one of a person's employments; the list of employments comes from the view."""

    employment = forms.ModelChoiceField(
        queryset=Employment.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("This employment has already ended or was removed.")},
    )
    end = _date_field(_("End date"), required=True)

    def __init__(self, *args: Any, employments: QuerySet[Employment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["employment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = employments
        self.fields["end"].error_messages["required"] = _("Enter the date the employment ended.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        employment, end = data.get("employment"), data.get("end")
        if employment and end and employment.start and end < employment.start:
            self.add_error("end", _("The end date cannot be before the start date."))
        return data


# --- Registry search ------------------------------------------------------------------------


class RegistrySearchForm(Form):
    mark_optional = False

    q = forms.CharField(label=_("Search the registry"), required=False, max_length=100)

    def __init__(self, *args: Any, people: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["q"]
        field.help_text = (
            _("Organisations, groups and people by name, code, e-mail or title.")
            if people
            else _("Organisations and groups by name or code.")
        )
        # The help text is set after the mixin linked it; link it here.
        field.widget.attrs["aria-describedby"] = f"{self._id_for('q')}-hint"

    def query(self) -> str:
        return str(self.cleaned_data.get("q", "")).strip() if self.is_valid() else ""
