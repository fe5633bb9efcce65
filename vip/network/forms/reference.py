"""The form that adds or renames a theme or a sector.

The services hold the rules (the code's form, unique codes and names, the Finnish name);
this form only says what it can see by itself, and ``add_service_errors`` places the
services' errors on the fields they name. The code is asked for only when adding a row:
it cannot be changed afterwards.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form
from vip.network.models import Sector, Theme
from vip.network.reference_services import CODE_MAX_LENGTH, code_error

POSITION_MAX = 32767  # the largest value of the position column


class ReferenceRowForm(Form):
    """A theme's or sector's names and position, and for a new row its code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=CODE_MAX_LENGTH,
        error_messages={"required": _("Enter a code.")},
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-20", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    name_fi = forms.CharField(
        label=_("Name in Finnish"),
        max_length=200,
        error_messages={"required": _("Enter the name in Finnish.")},
    )
    name_sv = forms.CharField(
        label=_("Name in Swedish"),
        max_length=200,
        required=False,
        help_text=_("Without it, Swedish pages show the Finnish name."),
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        required=False,
        help_text=_("Without it, English pages show the Finnish name."),
    )
    position = forms.IntegerField(
        label=_("Position in lists"),
        min_value=0,
        max_value=POSITION_MAX,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )

    def __init__(
        self,
        *args: Any,
        model: type[Theme] | type[Sector],
        row: Theme | Sector | None = None,
        **kwargs: Any,
    ) -> None:
        if row is not None:
            kwargs.setdefault(
                "initial",
                {
                    name: getattr(row, name)
                    for name in ("name_fi", "name_sv", "name_en", "position")
                },
            )
        super().__init__(*args, **kwargs)
        self.model = model
        self.creating = row is None
        code, position = self.fields["code"], self.fields["position"]
        if model is Theme:
            code.help_text = _(
                "Lowercase letters a–z, digits and hyphens, for example "
                "school-non-attendance. The theme's address in the materials bank is "
                "/materials/themes/<code>/, and filters and the API use the code too, so it "
                "cannot be changed later."
            )
        else:
            code.help_text = _(
                "Lowercase letters a–z, digits and hyphens, for example pupil-welfare. "
                "Filters, the API and import files use the code, so it cannot be changed later."
            )
        if self.creating:
            position.help_text = _(
                "Lists are in this order, smallest first. Leave empty to put it last."
            )
        else:
            # The code is fixed once the row exists: addresses and filters name it.
            del self.fields["code"]
            position.required = True
            position.help_text = _("Lists are in this order, smallest first.")
            position.error_messages["required"] = _("Enter the position, for example 5.")
        # The hints were set after the mixin linked the fields to theirs.
        for name in ("code", "position"):
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self._id_for(name)}-hint"

    def clean_code(self) -> str:
        # The service checks the code again; asked here too, so that a bad code shows
        # together with the form's own errors (a missing Finnish name) at once.
        code: str = self.cleaned_data["code"]
        if message := code_error(self.model, code):
            raise forms.ValidationError(message)
        return code

    def values(self) -> dict[str, Any]:
        """The service's arguments: with the code when adding a row."""
        names = ("code", "name_fi", "name_sv", "name_en", "position")
        return {name: self.cleaned_data[name] for name in names if name in self.fields}
