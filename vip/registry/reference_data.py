"""The fixed reference data of the network: areas and wellbeing services counties.

Municipalities come from ``data/municipalities.csv``; the five areas and the
English names of the counties are kept here because the CSV carries only codes
and Finnish/Swedish names for them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AreaData:
    code: str
    collaboration_area_code: str
    name_fi: str
    name_sv: str
    name_en: str


AREAS: tuple[AreaData, ...] = (
    AreaData("HYKS", "ETELA", "Etelä-Suomi", "Södra Finland", "Southern Finland"),
    AreaData("KYS", "ITA", "Itä-Suomi", "Östra Finland", "Eastern Finland"),
    AreaData("TAYS", "SISA", "Sisä-Suomi", "Inre Finland", "Inland Finland"),
    AreaData("TYKS", "LANSI", "Länsi-Suomi", "Västra Finland", "Western Finland"),
    AreaData("OYS", "POHJOIS", "Pohjois-Suomi", "Norra Finland", "Northern Finland"),
)

COUNTY_NAMES_EN: dict[str, str] = {
    "EK": "Wellbeing services county of South Karelia",
    "EP": "Wellbeing services county of South Ostrobothnia",
    "ES": "Wellbeing services county of South Savo",
    "HEL": "City of Helsinki",
    "IU": "Wellbeing services county of East Uusimaa",
    "KA": "Wellbeing services county of Kainuu",
    "KH": "Wellbeing services county of Kanta-Häme",
    "KP": "Wellbeing services county of Central Ostrobothnia",
    "KS": "Wellbeing services county of Central Finland",
    "KU": "Wellbeing services county of Central Uusimaa",
    "KY": "Wellbeing services county of Kymenlaakso",
    "LA": "Wellbeing services county of Lapland",
    "LU": "Wellbeing services county of Western Uusimaa",
    "PH": "Wellbeing services county of Päijät-Häme",
    "PI": "Wellbeing services county of Pirkanmaa",
    "PK": "Wellbeing services county of North Karelia",
    "PO": "Wellbeing services county of Ostrobothnia",
    "PP": "Wellbeing services county of North Ostrobothnia",
    "PS": "Wellbeing services county of North Savo",
    "SA": "Wellbeing services county of Satakunta",
    "VK": "Wellbeing services county of Vantaa and Kerava",
    "VS": "Wellbeing services county of Southwest Finland",
}
