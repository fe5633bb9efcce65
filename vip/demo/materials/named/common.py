"""Theme, school-level and series names and the contributor helpers the named items share."""

from __future__ import annotations

from vip.demo.materials.plans import Party

NON_ATTENDANCE = "school-non-attendance"
ACTIVITY_AREAS = "activity-area-teaching"
PLACED = "children-placed-outside-home"
BEHAVIOUR = "behavioural-symptoms"

ECEC = "early-childhood-education"
PRE_PRIMARY = "pre-primary-education"
BASIC = "basic-education"

OPH_SERIES = "Opetushallitus. Raportit ja selvitykset"
VIP_NETWORK = "Vaativan erityisen tuen VIP-verkosto"


def author(org_key: str = "", name: str = "") -> Party:
    return Party("author", org_key, name)


def publisher(org_key: str = "", name: str = "") -> Party:
    return Party("publisher", org_key, name)


OPH = publisher("oph")
