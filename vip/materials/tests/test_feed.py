"""The "new materials" Atom feed: the newest published items, for feed readers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import defusedxml.ElementTree as safe_xml
import pytest
from django.conf import settings

from vip.materials.models import Material
from vip.materials.services import items
from vip.materials.tests.builders import make_material
from vip.materials.views.pages import FEED_ENTRIES

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed(client, prefix: str = "/en") -> ET.Element:
    response = client.get(f"{prefix}/materials/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return safe_xml.fromstring(response.content)


def entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{ATOM}entry")


def test_the_feed_is_atom_with_the_published_items_only(client, reference_data):
    published = make_material(title_en="Published guide", summary_en="What it is about.")
    make_material(status=Material.Status.DRAFT, title_en="Draft guide")
    make_material(status=Material.Status.REVIEW, title_en="Guide in review")
    archived = make_material(title_en="Archived guide")
    items.material_transition(actor=None, material=archived, to_status=Material.Status.ARCHIVED)
    root = feed(client)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id")
    assert root.findtext(f"{ATOM}updated")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries(root)]
    assert titles == ["Published guide"]
    entry = entries(root)[0]
    assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{published.uid}"
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}summary") == "What it is about."
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"{settings.SITE_URL}/en/materials/{published.pk}/"


def test_the_feed_holds_the_newest_items_newest_first(client, reference_data):
    for number in range(FEED_ENTRIES + 2):
        make_material(title_en=f"Guide {number:02d}")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries(feed(client))]
    assert len(titles) == FEED_ENTRIES
    assert titles[0] == f"Guide {FEED_ENTRIES + 1:02d}"
    assert "Guide 00" not in titles


@pytest.mark.parametrize(
    ("prefix", "language", "title"),
    [("", "fi", "Poissaolojen opas"), ("/sv", "sv", "Guide om frånvaro"), ("/en", "en", "Guide")],
)
def test_the_feed_speaks_the_language_of_its_address(
    client, reference_data, prefix, language, title
):
    make_material(title_fi="Poissaolojen opas", title_sv="Guide om frånvaro", title_en="Guide")
    root = feed(client, prefix)
    assert root.get(XML_LANG) == language
    assert entries(root)[0].findtext(f"{ATOM}title") == title
    self_link = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == f"{settings.SITE_URL}{prefix}/materials/feed.atom"


def test_markup_in_a_summary_stays_text_in_the_feed(client, reference_data):
    make_material(title_en="Guide", summary_en="<script>alert(1)</script> & more")
    entry = entries(feed(client))[0]
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The HTML summary is the escaped text: a reader shows the characters, runs nothing.
    assert summary.text == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"


def test_the_feed_costs_the_same_queries_for_any_entries(
    client, reference_data, django_assert_max_num_queries
):
    for number in range(20):
        make_material(
            title_en=f"Guide {number}",
            contributors=[items.Contributor(role="author", name="Tiina Tutkija")],
        )
    with django_assert_max_num_queries(4):
        feed(client)
