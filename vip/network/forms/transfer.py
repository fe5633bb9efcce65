"""The upload form of the people and memberships import."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.core.forms import Form
from vip.core.uploads import max_upload_bytes


class ImportForm(Form):
    file = forms.FileField(
        label=gettext_lazy("File to import"),
        error_messages={
            "required": gettext_lazy("Choose a CSV or XLSX file to import."),
            "empty": gettext_lazy("The file is empty."),
        },
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only: validate the file and show the result without saving"),
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A CSV file (UTF-8, comma or semicolon) or an XLSX workbook, at most %(limit)d MB."
        ) % {"limit": settings.MAX_UPLOAD_MB}
        # The hint is set here (the limit is a setting), after the mixin linked hints.
        self.fields["file"].widget.attrs["aria-describedby"] = f"{self._id_for('file')}-hint"
        self.fields["file"].widget.attrs["accept"] = (
            ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > max_upload_bytes():
            raise forms.ValidationError(
                _("The file is too large: at most %(limit)d MB is allowed.")
                % {"limit": settings.MAX_UPLOAD_MB},
                code="file_too_large",
            )
        return upload
