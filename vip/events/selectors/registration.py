"""Reads of the public registration pages: organisations to choose, and the registrant's data.

A registrant picks their organisation from the registry by typing its name (as the
network forms do), so that the reach report can count the organisation's kind. Only
organisations active today are offered: a closed school is no one's employer.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from vip.core.models import search_key
from vip.events.models import Answer, Registration
from vip.network.selectors.people import ORGANISATION_CHOICE_LIMIT, organisation_candidates
from vip.registry.models import Organisation


def active_organisations(day: datetime.date | None = None) -> QuerySet[Organisation]:
    """Organisations of the registry active on ``day`` (today by default)."""
    day = day or timezone.localdate()
    return Organisation.objects.filter(
        Q(active_from__isnull=True) | Q(active_from__lte=day),
        Q(active_to__isnull=True) | Q(active_to__gte=day),
    )


def active_organisation(value: object) -> Organisation | None:
    """The active organisation whose id ``value`` is (a posted string, say); None otherwise."""
    try:
        pk = int(str(value))
    except ValueError:
        return None
    return active_organisations().select_related("municipality").filter(pk=pk).first()


def is_exact_match(organisation: Organisation, text: str) -> bool:
    """Whether ``text`` is the organisation's whole name (either language) or school code."""
    key = search_key(text.strip())
    names = {search_key(organisation.name_fi), search_key(organisation.name_sv)}
    return bool(key) and (key in names or key == (organisation.school_code or ""))


def registration_organisation_matches(
    text: str, *, municipality_code: str = ""
) -> list[Organisation]:
    """Active organisations whose name or code contains ``text``.

    Whole-name matches come first, and among each the organisations of the chosen
    municipality: "Keskuskoulu" is the name of schools in many places. One more than
    the limit is returned so that the caller can tell there were more.
    """
    candidates = organisation_candidates(text, active_organisations())

    def rank(organisation: Organisation) -> tuple[bool, bool]:
        elsewhere = not (
            municipality_code
            and organisation.municipality is not None
            and organisation.municipality.code == municipality_code
        )
        return (not is_exact_match(organisation, text), elsewhere)

    # sorted() is stable: the name order stays within each rank.
    return sorted(candidates, key=rank)[: ORGANISATION_CHOICE_LIMIT + 1]


# --- The registrant's own page -----------------------------------------------------------------


def registration_with_details(registration: Registration) -> Registration:
    """The registration with everything its manage page lists, in one query."""
    return Registration.objects.select_related(
        "event", "organisation__municipality", "municipality", "sector", "price_group"
    ).get(pk=registration.pk)


def stored_answers(registration: Registration) -> list[Answer]:
    """The registrant's answers with their questions, in the order of the questions."""
    return list(
        Answer.objects.filter(registration=registration)
        .select_related("question")
        .order_by("question__position", "question_id")
    )
