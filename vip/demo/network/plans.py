"""What the demo network will hold, planned before anything is written.

Plans refer to each other as objects (a deputy's principal, a decision's responsible
person), so identity, not equality, tells two apart; the writer fills in ``group`` once
the row exists.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vip.network.models import Group, Membership, Sector, Theme
from vip.registry.models import Area, Municipality, Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User

Role = Membership.Role
DAY = datetime.timedelta(days=1)


def fi_date(value: datetime.date) -> str:
    """A date as Finns write it: 6.4.2021."""
    return f"{value.day}.{value.month}.{value.year}"


def meeting_day(value: datetime.date) -> datetime.date:
    """The first Tuesday to Thursday on or after ``value``: when groups meet."""
    while value.weekday() not in (1, 2, 3):
        value += DAY
    return value


@dataclass(eq=False)
class PersonPlan:
    key: str
    given_name: str
    family_name: str
    email: str
    title: str
    organisation: Organisation
    languages: str
    phone: str
    contact_details_public: bool
    employment_start: datetime.date | None
    user: User | None = None


@dataclass(eq=False)
class MemberPlan:
    person: PersonPlan
    role: str
    start: datetime.date
    end: datetime.date | None = None
    sector: Sector | None = None
    principal: MemberPlan | None = None


@dataclass(eq=False)
class DecisionPlan:
    text: str
    status: str
    responsible: PersonPlan | None = None
    due_date: datetime.date | None = None


@dataclass(eq=False)
class MeetingPlan:
    date: datetime.date
    topics: list[str]
    decisions: list[DecisionPlan] = field(default_factory=list)
    mode: str = "on_site"
    place: str = ""
    start_time: datetime.time | None = datetime.time(13, 0)
    minutes_public: bool = False
    # Person keys of members away; their deputies stand in.
    absent: frozenset[str] = frozenset()


@dataclass(eq=False)
class GroupPlan:
    kind: str
    name_fi: str
    name_sv: str
    name_en: str
    term_start: datetime.date
    term_end: datetime.date | None = None
    area: Area | None = None
    parent: GroupPlan | None = None
    theme: Theme | None = None
    founding_decision: str = ""
    status: str = Group.Status.ACTIVE
    description_fi: str = ""
    description_sv: str = ""
    description_en: str = ""
    members: list[MemberPlan] = field(default_factory=list)
    meetings: list[MeetingPlan] = field(default_factory=list)
    group: Group | None = None

    def add(
        self,
        person: PersonPlan,
        role: str = Role.MEMBER,
        *,
        start: datetime.date | None = None,
        end: datetime.date | None = None,
        sector: Sector | None = None,
        principal: MemberPlan | None = None,
    ) -> MemberPlan:
        member = MemberPlan(
            person=person,
            role=role,
            start=start or self.term_start,
            end=end,
            sector=sector,
            principal=principal,
        )
        self.members.append(member)
        return member


@dataclass(eq=False)
class NominationPlan:
    municipality: Municipality
    person: PersonPlan
    responsibility: str
    language: str
    provider: Organisation | None = None
    # A contact named first and then replaced by this one: the history.
    replaces: PersonPlan | None = None
