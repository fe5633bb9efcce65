"""Who is in the network: areas, counties, municipalities and organisations."""

from __future__ import annotations

import datetime

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vip.core.models import TranslatedNameMixin, search_key
from vip.core.url_cache import reverse_one

# The data version raised by every registry change; it keys cached public pages.
REGISTRY_DATA = "registry"

school_code_validator = RegexValidator(
    r"^\d{5}$",
    message=_("A Statistics Finland school code is exactly five digits, e.g. 03456."),
    code="invalid_school_code",
)
oid_validator = RegexValidator(
    r"^1\.2\.246\.562\.10\.\d{1,30}$",
    message=_("An OPH organisation OID is 1.2.246.562.10. followed by digits."),
    code="invalid_oid",
)
municipality_code_validator = RegexValidator(
    r"^\d{3}$",
    message=_("A municipality code is exactly three digits, e.g. 091."),
    code="invalid_municipality_code",
)


class Area(TranslatedNameMixin, models.Model):
    """One of the five VIP areas (the university-hospital collaboration areas)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    collaboration_area_code = models.CharField(_("collaboration area code"), max_length=16)

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.code} / {self.name}"

    def get_absolute_url(self) -> str:
        return reverse_one("registry:area_detail", self.code)


class County(TranslatedNameMixin, models.Model):  # noqa: DJ008 - __str__ from the mixin
    """A wellbeing services county (hyvinvointialue), or the city of Helsinki."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="counties")

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("wellbeing services county")
        verbose_name_plural = _("wellbeing services counties")


def municipality_name(name_fi: str, name_sv: str, *, swedish: bool | None = None) -> str:
    """A municipality's name in the active language: Swedish on Swedish pages, when it has one.

    ``swedish`` saves the language lookup when naming many municipalities at once.
    """
    if swedish is None:
        swedish = (get_language() or "fi").startswith("sv")
    return name_sv if swedish and name_sv else name_fi


class Municipality(models.Model):
    class LanguageStatus(models.TextChoices):
        """Official language status under the Government decree in force (see SOURCES.md)."""

        FINNISH = "fi", _("Finnish")
        SWEDISH = "sv", _("Swedish")
        BILINGUAL_FINNISH_MAJORITY = "fi+sv", _("Bilingual, Finnish majority")
        BILINGUAL_SWEDISH_MAJORITY = "sv+fi", _("Bilingual, Swedish majority")

    code = models.CharField(
        _("municipality code"), max_length=3, unique=True, validators=[municipality_code_validator]
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    # Åland's municipalities belong to no wellbeing services county and no area.
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, null=True, blank=True, related_name="municipalities"
    )
    population = models.PositiveIntegerField(_("population 31.12.2020"), default=0)
    language_status = models.CharField(
        _("official language status"),
        max_length=5,
        choices=LanguageStatus.choices,
        default=LanguageStatus.FINNISH,
    )
    search_text = models.CharField(max_length=300, editable=False)

    class Meta:
        ordering = ["name_fi"]
        indexes = [models.Index(fields=["name_fi"], name="municipality_name_idx")]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = search_key(self.code, self.name_fi, self.name_sv)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse_one("registry:municipality_detail", self.code)

    @property
    def name(self) -> str:
        return municipality_name(self.name_fi, self.name_sv)

    @property
    def area(self) -> Area | None:
        return self.county.area if self.county_id else None  # type: ignore[union-attr]

    @property
    def is_bilingual(self) -> bool:
        return "+" in self.language_status

    @property
    def language_status_label(self) -> str:
        return str(_LANGUAGE_STATUS_LABELS.get(self.language_status, self.language_status))


_LANGUAGE_STATUS_LABELS = dict(Municipality.LanguageStatus.choices)


class Organisation(TranslatedNameMixin, models.Model):  # noqa: DJ008 - __str__ from the mixin
    """An actor of the network; organisations form a tree (provider -> school)."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        NATIONAL_AGENCY = "national_agency", _("National agency")
        VALTERI_UNIT = "valteri_unit", _("Valteri unit")
        ELMERI_SCHOOL = "elmeri_school", _("Elmeri school")
        HOSPITAL_SCHOOL = "hospital_school", _("Hospital school")
        STATE_REFORM_SCHOOL = "state_reform_school", _("State reform school")
        OT_CENTRE = "ot_centre", _("OT centre")
        MUNICIPALITY = "municipality", _("Municipality as education provider")
        PRIVATE_PROVIDER = "private_provider", _("Private education provider")
        SCHOOL = "school", _("School")
        TEACHER_TRAINING_SCHOOL = "training_school", _("Teacher-training school")
        EARLY_CHILDHOOD_UNIT = "early_childhood_unit", _("Early childhood education unit")
        AVI = "avi", _("Regional state administrative agency (AVI)")
        UNIVERSITY = "university", _("University")
        OTHER = "other", _("Other")

    class Languages(models.TextChoices):
        FINNISH = "fi", _("Finnish")
        SWEDISH = "sv", _("Swedish")
        BILINGUAL = "fi+sv", _("Finnish and Swedish")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    languages = models.CharField(
        _("languages"), max_length=5, choices=Languages.choices, default=Languages.FINNISH
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active until"), null=True, blank=True)
    school_code = models.CharField(
        _("Statistics Finland school code"),
        max_length=5,
        unique=True,
        null=True,
        blank=True,
        validators=[school_code_validator],
    )
    oid = models.CharField(
        _("OPH organisation OID"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        validators=[oid_validator],
    )
    # Ids of the ancestors and of the organisation itself, "/1/5/23/", so that a
    # whole subtree is one indexed prefix match on either database.
    tree_path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    search_text = models.CharField(max_length=700, editable=False, default="")

    class Meta:
        ordering = ["name_fi", "id"]
        indexes = [
            models.Index(fields=["name_fi", "id"], name="organisation_name_idx"),
            models.Index(fields=["kind", "name_fi"], name="organisation_kind_idx"),
            models.Index(fields=["municipality", "name_fi"], name="organisation_muni_idx"),
            models.Index(fields=["parent", "name_fi"], name="organisation_parent_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="organisation_active_range",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = search_key(
            self.name_fi, self.name_sv, self.name_en, self.school_code, self.oid
        )
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse_one("registry:organisation_detail", self.pk)

    @property
    def area(self) -> Area | None:
        return self.municipality.area if self.municipality_id else None  # type: ignore[union-attr]

    @property
    def kind_label(self) -> str:
        # get_kind_display() rebuilds a dict of all choices on every call; list
        # pages call this once per row.
        return str(_KIND_LABELS.get(self.kind, self.kind))

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.tree_path.strip("/").split("/") if part][:-1]


_KIND_LABELS = dict(Organisation.Kind.choices)
