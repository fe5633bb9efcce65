"""The materials bank: models and methods, research, guides, info briefs, reports, recordings.

An item (``Material``) has its text in Finnish, Swedish and English fields, one content
language, and may be a translation of another item (``original``): the original and its
translations are versions of one work. Files hang off the item; their extracted text is
searched with the item. The search index itself lives in ``vip.materials.search``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vip.core.models import TranslatedNameMixin
from vip.core.url_cache import reverse_one
from vip.events.models import Event
from vip.materials.identifiers import validate_isbn, validate_issn
from vip.network.models import Sector, Theme
from vip.registry.models import Organisation

# The data version raised by every change to a published item; it keys cached pages.
MATERIALS_DATA = "materials"
LANGUAGES = ("fi", "sv", "en")


def _translated(obj: object, field: str) -> str:
    """The field in the page's language, else in the item's own language, else any."""
    language = (get_language() or "fi")[:2]
    own = getattr(obj, "language", "fi")
    for code in (language, own, *LANGUAGES):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


class SchoolLevel(TranslatedNameMixin, models.Model):  # noqa: DJ008 - __str__ from the mixin
    """Early childhood education, pre-primary and basic education (reference data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("school level")
        verbose_name_plural = _("school levels")


class Tag(models.Model):
    """A free keyword; compared without regard to case."""

    name = models.CharField(_("tag"), max_length=60)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(Lower("name"), name="tag_name_unique_ci")]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Material(models.Model):
    class Kind(models.TextChoices):
        MODEL = "model", _("Model or method")
        RESEARCH = "research", _("Research or literature")
        MATERIAL = "material", _("Guide or material")
        CHECKLIST = "checklist", _("Checklist or form")
        INFO_BRIEF = "info_brief", _("Info brief")
        REPORT = "report", _("Report")
        RECORDING = "recording", _("Recording")
        NEWS = "news", _("News")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Language(models.TextChoices):
        FI = "fi", _("Finnish")
        SV = "sv", _("Swedish")
        EN = "en", _("English")

    # Stable across edits: the Atom entry id.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The identifier in the system an import came from; re-importing updates the item.
    external_id = models.CharField(
        _("external identifier"), max_length=100, null=True, blank=True, unique=True
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(
        _("language of the content"), max_length=2, choices=Language.choices, default="fi"
    )
    # A translation points at the item it translates; together they are one work.
    original = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=300, blank=True)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    summary_fi = models.TextField(_("summary in Finnish"), blank=True)
    summary_sv = models.TextField(_("summary in Swedish"), blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    # Markdown, sanitised when rendered.
    body_fi = models.TextField(_("text in Finnish"), blank=True)
    body_sv = models.TextField(_("text in Swedish"), blank=True)
    body_en = models.TextField(_("text in English"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="materials"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="materials")
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("audience sectors"), blank=True, related_name="materials"
    )
    school_levels = models.ManyToManyField(
        SchoolLevel, verbose_name=_("school levels"), blank=True, related_name="materials"
    )
    year = models.PositiveSmallIntegerField(
        _("year of publication"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    series = models.CharField(_("series"), max_length=200, blank=True)
    number = models.CharField(_("number in the series"), max_length=40, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, validators=[validate_isbn])
    issn = models.CharField(_("ISSN"), max_length=12, blank=True, validators=[validate_issn])
    url = models.URLField(_("web address"), max_length=500, blank=True)
    # One way: an item's editors choose what its page links to, and a link never changes the
    # page of an item they may not edit (an expert may link to another theme's item).
    related_items = models.ManyToManyField(
        "self",
        verbose_name=_("related items"),
        blank=True,
        symmetrical=False,
        related_name="linked_from",
    )
    related_events = models.ManyToManyField(
        Event, verbose_name=_("related events"), blank=True, related_name="bank_materials"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="material_new_idx"),
            models.Index(fields=["status", "kind"], name="material_kind_idx"),
            models.Index(fields=["status", "year"], name="material_year_idx"),
            models.Index(fields=["status", "language"], name="material_language_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_fi="") | ~Q(title_sv="") | ~Q(title_en=""),
                name="material_has_title",
                violation_error_message=_("Give the item a title in at least one language."),
            ),
            models.CheckConstraint(
                condition=Q(original__isnull=True) | ~Q(original=models.F("id")),
                name="material_not_own_translation",
                violation_error_message=_("An item cannot be a translation of itself."),
            ),
        ]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_one("materials:detail", self.pk)

    @property
    def title(self) -> str:
        return _translated(self, "title")

    @property
    def summary(self) -> str:
        return _translated(self, "summary")

    @property
    def body(self) -> str:
        return _translated(self, "body")

    def text_in(self, field: str, language: str) -> str:
        return getattr(self, f"{field}_{language}", "")

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def series_line(self) -> str:
        """ "OPH Raportit ja selvitykset 2020:9" from the series and its number."""
        if self.series and self.number:
            return f"{self.series} {self.number}"
        return self.series or self.number

    def contributors_of(self, role: str) -> list[MaterialContributor]:
        return [c for c in self.contributors.all() if c.role == role]

    @property
    def citation(self) -> str:
        """Author (year). Title. Series number. Publisher. ISBN."""
        authors = ", ".join(c.display_name for c in self.contributors_of("author"))
        publishers = ", ".join(c.display_name for c in self.contributors_of("publisher"))
        parts = []
        lead = authors or publishers
        if lead:
            parts.append(f"{lead} ({self.year})" if self.year else lead)
        elif self.year:
            parts.append(f"({self.year})")
        parts.append(self.title)
        if self.series_line:
            parts.append(self.series_line)
        if publishers and authors:
            parts.append(publishers)
        if self.isbn:
            parts.append(f"ISBN {self.isbn}")
        elif self.issn:
            parts.append(f"ISSN {self.issn}")
        return ". ".join(p.rstrip(".") for p in parts if p) + "."


# Lazy labels, translated when read (``choices`` builds its list anew on every access).
KIND_LABELS: dict[str, Any] = dict(Material.Kind.choices)
LANGUAGE_LABELS: dict[str, Any] = dict(Material.Language.choices)


class MaterialContributor(models.Model):
    """An author or publisher: an organisation of the registry, or a name as written."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        PUBLISHER = "publisher", _("Publisher")

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="contributors")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="material_contributions",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["material", "role", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(name=""),
                name="contributor_named",
                violation_error_message=_("Choose an organisation or type a name."),
            ),
        ]
        verbose_name = _("author or publisher")
        verbose_name_plural = _("authors and publishers")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (str(self.organisation) if self.organisation_id else "")


def _file_path(instance: MaterialFile, filename: str) -> str:
    # The stored name is generated; the original name is kept in the row only.
    return f"materials/{instance.material_id}/{uuid.uuid4().hex}"


class MaterialFile(models.Model):
    class Extraction(models.TextChoices):
        NOT_APPLICABLE = "none", _("Not a text document")
        OK = "ok", _("Text extracted")
        FAILED = "failed", _("Text could not be read")

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    title = models.CharField(_("description"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    # The text of a PDF or DOCX file, searched with the item (attachments field).
    text = models.TextField(blank=True, editable=False)
    extraction = models.CharField(
        max_length=6, choices=Extraction.choices, default=Extraction.NOT_APPLICABLE
    )
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["material", "position", "id"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse_one("materials:download", self.pk)

    @property
    def extraction_failed(self) -> bool:
        return self.extraction == self.Extraction.FAILED


class StatusChange(models.Model):
    """The workflow history of an item: who moved it from which status to which, and why."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Material.Status.choices)
    to_status = models.CharField(max_length=10, choices=Material.Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["material", "changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.material_id}: {self.from_status} -> {self.to_status}"


from vip.materials.index.models import *  # noqa: E402, F403 - the search index's tables
