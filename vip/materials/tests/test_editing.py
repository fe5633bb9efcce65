"""The editors' side of the materials bank: their list of items and the item form."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation
from vip.events.tests.builders import make_event
from vip.materials.models import Material, SchoolLevel
from vip.materials.services import items
from vip.materials.tests.builders import (
    NON_ATTENDANCE,
    PLACED_CHILDREN,
    editing_data,
    expert_member,
    make_material,
    theme,
)
from vip.network.models import Sector
from vip.registry.models import Organisation

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status
HOME = "/en/materials/organise/"
CREATE = "/en/materials/new/"


def edit_url(item: Material) -> str:
    return f"/en/materials/{item.pk}/edit/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def flashed(response: Any) -> str:
    """The messages the response left for the next page."""
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.fixture
def admin_client(client, login, national_admin):
    return login(client, national_admin)


@pytest.fixture
def expert():
    return expert_member(NON_ATTENDANCE)


@pytest.fixture
def expert_client(client, login, expert):
    return login(client, expert)


# --- The organiser's list ----------------------------------------------------------------------


class TestOrganiserHome:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        response = client.get(HOME)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")

    def test_someone_who_edits_nothing_gets_404(self, client, login, outsider, teacher):
        make_material()
        for user in (outsider, teacher):
            login(client, user)
            assert client.get(HOME).status_code == 404
            assert client.get(CREATE).status_code == 404

    def test_an_expert_member_sees_the_items_of_their_theme_in_every_status(self, expert_client):
        draft = make_material(status=Status.DRAFT, title_fi="Oma luonnos")
        published = make_material(title_fi="Oma julkaistu")
        other = make_material(title_fi="Sijoitettujen opas", themes=(PLACED_CHILDREN,))

        page = text(expert_client.get(HOME))

        assert draft.title in page
        assert published.title in page
        assert other.title not in page
        assert reverse("materials:edit", args=[draft.pk]) in page
        assert reverse("materials:files", args=[draft.pk]) in page
        assert reverse("materials:create") in page

    def test_a_national_admin_sees_every_item_with_counts_by_status(self, admin_client):
        make_material(status=Status.DRAFT, themes=(PLACED_CHILDREN,))
        make_material(status=Status.DRAFT, themes=())
        make_material(status=Status.REVIEW)
        make_material()

        page = text(admin_client.get(HOME))

        assert "All (4)" in page
        assert "Draft (2)" in page
        assert "In review (1)" in page
        assert "Published (1)" in page
        assert "Archived (0)" in page

    def test_the_review_queue_is_pointed_out(self, admin_client):
        make_material(status=Status.REVIEW, title_fi="Arvioitava opas")
        make_material(status=Status.REVIEW)
        make_material(title_fi="Julkaistu opas")

        page = text(admin_client.get(HOME))
        assert "Review queue" in page
        assert "2 items are waiting for review." in page

        queue = text(admin_client.get(HOME, {"status": "review"}))
        assert "Arvioitava opas" in queue
        assert "Julkaistu opas" not in queue

    def test_no_review_queue_when_nothing_waits(self, admin_client):
        make_material()
        assert "Review queue" not in text(admin_client.get(HOME))

    def test_filters_by_kind_theme_and_title_combine(self, admin_client):
        make_material(kind=Material.Kind.REPORT, title_fi="Poissaoloraportti")
        make_material(
            kind=Material.Kind.REPORT, title_fi="Sijoitusraportti", themes=(PLACED_CHILDREN,)
        )
        make_material(kind=Material.Kind.CHECKLIST, title_fi="Poissaolojen tarkistuslista")

        by_kind = text(admin_client.get(HOME, {"kind": "report"}))
        assert "Poissaoloraportti" in by_kind
        assert "Sijoitusraportti" in by_kind
        assert "Poissaolojen tarkistuslista" not in by_kind

        by_theme = text(
            admin_client.get(HOME, {"kind": "report", "theme": theme(PLACED_CHILDREN).pk})
        )
        assert "Sijoitusraportti" in by_theme
        assert "Poissaoloraportti" not in by_theme

        by_title = text(admin_client.get(HOME, {"q": "TARKISTUS"}))
        assert "Poissaolojen tarkistuslista" in by_title
        assert "Poissaoloraportti" not in by_title

    def test_unknown_filter_values_show_everything_rather_than_fail(self, admin_client):
        make_material(title_fi="Opas")
        response = admin_client.get(HOME, {"status": "deleted", "kind": "x", "theme": "abc"})
        assert response.status_code == 200
        assert "Opas" in text(response)

    def test_the_newest_change_comes_first(self, admin_client):
        older = make_material(title_fi="Vanhempi muutos")
        make_material(title_fi="Uudempi muutos")
        items.material_update(
            actor=None,
            material=older,
            data=items.MaterialData(
                kind=older.kind, title_fi="Vanhempi, juuri muutettu", themes=[theme()]
            ),
        )
        page = text(admin_client.get(HOME))
        assert page.index("Vanhempi, juuri muutettu") < page.index("Uudempi muutos")

    def test_the_list_is_paginated_and_its_queries_do_not_grow_with_rows(
        self, admin_client, django_assert_max_num_queries
    ):
        for number in range(27):
            make_material(title_fi=f"Materiaali numero {number:02d}")
        with django_assert_max_num_queries(20):
            first = text(admin_client.get(HOME))
        assert "27 items" in first
        assert "Materiaali numero 26" in first
        assert "Materiaali numero 01" not in first
        second = text(admin_client.get(HOME, {"page": 2}))
        assert "Materiaali numero 01" in second

    def test_htmx_gets_only_the_results(self, admin_client):
        make_material(title_fi="Opas")
        response = admin_client.get(HOME, {"q": "Opas"}, headers={"HX-Request": "true"})
        assert 'id="results"' in text(response)
        assert "<html" not in text(response)


# --- The form ---------------------------------------------------------------------------------


class TestForm:
    def test_an_expert_member_is_offered_and_given_their_own_themes(self, expert_client):
        page = text(expert_client.get(CREATE))
        own = theme(NON_ATTENDANCE)
        assert f'name="themes" value="{own.pk}"' in page
        assert f'name="themes" value="{theme(PLACED_CHILDREN).pk}"' not in page
        assert 'name="external_id"' not in page
        # The own theme is ticked for a new item.
        assert f'value="{own.pk}" class="govuk-checkboxes__input" id="id_themes_0" checked' in page

    def test_a_national_admin_gets_every_theme_and_the_external_identifier(self, admin_client):
        page = text(admin_client.get(CREATE))
        assert f'name="themes" value="{theme(NON_ATTENDANCE).pk}"' in page
        assert f'name="themes" value="{theme(PLACED_CHILDREN).pk}"' in page
        assert 'name="external_id"' in page
        assert "Markdown" in page

    def test_a_national_admin_saves_an_item_with_everything(self, admin_client):
        original = make_material(language="en", title_fi="", title_en="Non-attendance in Finland")
        related = make_material(title_fi="Liittyvä opas")
        event = make_event()
        publisher = make_organisation(
            kind=Organisation.Kind.NATIONAL_AGENCY,
            name_fi="Kansallinen koulutuksen arviointikeskus",
        )
        sector = Sector.objects.order_by("position").first()
        level = SchoolLevel.objects.order_by("position").first()
        data = editing_data(
            kind="report",
            language="fi",
            original=str(original.pk),
            title_fi="Koulupoissaolot Suomessa",
            title_sv="Skolfrånvaro i Finland",
            summary_fi="Selvitys poissaoloista.",
            body_fi="## Tausta\n\nKoulupoissaolot **yleistyvät**.",
            themes=[theme(NON_ATTENDANCE).pk, theme(PLACED_CHILDREN).pk],
            tags="poissaolot, seuranta ,  ",
            sectors=[sector.pk],
            school_levels=[level.pk] if level else [],
            year="2020",
            series="OPH Raportit ja selvitykset",
            number="2020:9",
            isbn="978-952-13-6782-3",
            issn="1798-6443",
            url="https://www.oph.fi/poissaolot",
            related_items=f"{related.pk}",
            related_events=f"#{event.pk}",
            external_id="oph-2020-9",
            contributors=[
                {"role": "author", "name": "Anna Tutkija"},
                {"role": "publisher", "organisation_name": "koulutuksen arviointikeskus"},
            ],
        )

        response = admin_client.post(CREATE, data)

        item = Material.objects.get(title_fi="Koulupoissaolot Suomessa")
        assert response.status_code == 302
        assert response["Location"] == reverse("materials:detail", args=[item.pk])
        assert item.status == Status.DRAFT
        assert item.original == original
        assert item.language == "fi"
        assert item.title_sv == "Skolfrånvaro i Finland"
        assert item.year == 2020
        assert item.series_line == "OPH Raportit ja selvitykset 2020:9"
        assert item.isbn == "978-952-13-6782-3"
        assert item.issn == "1798-6443"
        assert item.external_id == "oph-2020-9"
        assert {t.code for t in item.themes.all()} == {NON_ATTENDANCE, PLACED_CHILDREN}
        assert sorted(t.name for t in item.tags.all()) == ["poissaolot", "seuranta"]
        assert list(item.sectors.all()) == [sector]
        assert list(item.related_items.all()) == [related]
        assert list(item.related_events.all()) == [event]
        contributors = list(item.contributors.order_by("position"))
        assert [(c.role, c.name, c.organisation) for c in contributors] == [
            ("author", "Anna Tutkija", None),
            ("publisher", "", publisher),
        ]
        assert "saved as a draft" in flashed(response)
        assert AuditEvent.objects.filter(
            action=AuditAction.MATERIAL_CREATED, target_id=str(item.pk)
        ).exists()

    def test_an_expert_member_creates_a_draft_of_their_theme(self, expert_client):
        response = expert_client.post(CREATE, editing_data(themes=[theme().pk]))
        item = Material.objects.get()
        assert response.status_code == 302
        assert item.status == Status.DRAFT
        assert [t.code for t in item.themes.all()] == [NON_ATTENDANCE]

    def test_an_edited_published_item_stays_published_at_its_address(self, expert_client):
        item = make_material(title_fi="Vanha otsikko")
        response = expert_client.post(
            edit_url(item), editing_data(title_fi="Uusi otsikko", themes=[theme().pk])
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("materials:detail", args=[item.pk])
        item.refresh_from_db()
        assert item.title_fi == "Uusi otsikko"
        assert item.status == Status.PUBLISHED
        assert "public at once" in flashed(response)
        assert AuditEvent.objects.filter(
            action=AuditAction.MATERIAL_UPDATED, target_id=str(item.pk)
        ).exists()

    def test_the_edit_form_shows_what_is_stored(self, admin_client):
        related = make_material(title_fi="Liittyvä")
        item = make_material(
            title_fi="Tallennettu otsikko",
            tags=["poissaolot", "tuki"],
            related_items=[related],
            isbn="978-952-13-6782-3",
            contributors=[items.Contributor(role="author", name="Anna Tutkija")],
        )
        page = text(admin_client.get(edit_url(item)))
        assert 'value="Tallennettu otsikko"' in page
        assert 'value="poissaolot, tuki"' in page
        assert f'value="{related.pk}"' in page
        assert 'value="978-952-13-6782-3"' in page
        assert 'value="Anna Tutkija"' in page
        assert reverse("materials:files", args=[item.pk]) in page

    def test_an_emptied_contributor_row_is_removed(self, admin_client):
        item = make_material(
            contributors=[
                items.Contributor(role="author", name="Anna Tutkija"),
                items.Contributor(role="author", name="Bertta Berg"),
            ]
        )
        admin_client.post(
            edit_url(item),
            editing_data(
                title_fi=item.title_fi,
                contributors=[
                    {"role": "author", "name": ""},
                    {"role": "author", "name": "Bertta Berg"},
                ],
                total=3,
            ),
        )
        assert [c.name for c in item.contributors.all()] == ["Bertta Berg"]

    def test_an_ambiguous_organisation_asks_which_one(self, admin_client):
        make_organisation(
            kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Opetushallitus, Helsinki"
        )
        make_organisation(kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Opetushallitus, Turku")
        response = admin_client.post(
            CREATE,
            editing_data(
                contributors=[{"role": "publisher", "organisation_name": "Opetushallitus"}]
            ),
        )
        assert response.status_code == 200
        assert "Several organisations match" in text(response)
        assert not Material.objects.exists()

    def test_an_expert_of_another_theme_cannot_open_the_form(self, client, login):
        item = make_material()
        login(client, expert_member(PLACED_CHILDREN))
        assert client.get(edit_url(item)).status_code == 404
        assert client.post(edit_url(item), editing_data(title_fi="Kaapattu")).status_code == 404
        item.refresh_from_db()
        assert item.title_fi != "Kaapattu"

    def test_an_expert_keeps_the_other_themes_the_item_has(self, expert_client):
        item = make_material(themes=(NON_ATTENDANCE, PLACED_CHILDREN))
        page = text(expert_client.get(edit_url(item)))
        assert f'name="themes" value="{theme(PLACED_CHILDREN).pk}"' in page
        expert_client.post(
            edit_url(item),
            editing_data(
                title_fi="Muutettu", themes=[theme(NON_ATTENDANCE).pk, theme(PLACED_CHILDREN).pk]
            ),
        )
        assert {t.code for t in item.themes.all()} == {NON_ATTENDANCE, PLACED_CHILDREN}

    def test_linking_to_another_themes_item_leaves_that_items_page_as_it_was(self, expert_client):
        # The expert may link to any item they see, but only their own item lists the link:
        # the other item's editors decide what its page links to.
        own = make_material(themes=(NON_ATTENDANCE,))
        other = make_material(title_fi="Toisen teeman raportti", themes=(PLACED_CHILDREN,))

        response = expert_client.post(
            edit_url(own),
            editing_data(themes=[theme(NON_ATTENDANCE).pk], related_items=str(other.pk)),
        )

        assert response.status_code == 302
        assert list(own.related_items.all()) == [other]
        assert not other.related_items.exists()

    def test_a_signed_in_user_without_an_expert_group_cannot_create_an_item(
        self, client, login, teacher
    ):
        login(client, teacher)
        assert client.get(CREATE).status_code == 404
        assert client.post(CREATE, editing_data(themes=[theme().pk])).status_code == 404
        assert not Material.objects.exists()
        assert not AuditEvent.objects.filter(action__startswith="materials.").exists()


# --- Bad input: a clear message, nothing written ---------------------------------------------


class TestBadInput:
    def refused(self, client, data: dict[str, Any], message: str, url: str = CREATE) -> str:
        before = Material.objects.count()
        response = client.post(url, data)
        page = text(response)
        assert response.status_code == 200
        assert "There is a problem" in page
        assert message in page, page[page.find("govuk-error-summary") :][:2000]
        assert Material.objects.count() == before
        return page

    def test_an_isbn_with_a_wrong_check_digit(self, admin_client):
        page = self.refused(admin_client, editing_data(isbn="978-952-13-6782-6"), "ISBN")
        assert 'href="#id_isbn"' in page

    def test_an_issn_with_a_wrong_check_digit(self, admin_client):
        page = self.refused(admin_client, editing_data(issn="1798-6444"), "ISSN")
        assert 'href="#id_issn"' in page

    def test_no_title_in_any_language(self, admin_client):
        page = self.refused(
            admin_client,
            editing_data(title_fi="", title_sv=" ", title_en=""),
            "Give the item a title in at least one language.",
        )
        assert 'href="#id_title_fi"' in page

    def test_the_year_1800(self, admin_client):
        page = self.refused(admin_client, editing_data(year="1800"), "1900")
        assert 'href="#id_year"' in page

    def test_an_expert_member_saving_without_any_of_their_themes(self, expert_client):
        self.refused(
            expert_client,
            editing_data(themes=[]),
            "Choose at least one theme of your expert group",
        )

    def test_an_expert_member_cannot_give_only_a_theme_of_another_group(self, expert_client):
        self.refused(
            expert_client,
            editing_data(themes=[theme(PLACED_CHILDREN).pk]),
            "Choose among the themes listed.",
        )

    def test_a_translation_in_the_language_of_its_original(self, admin_client):
        original = make_material(language="fi")
        page = self.refused(
            admin_client,
            editing_data(language="fi", original=str(original.pk)),
            "A translation is in another language than the original.",
        )
        assert 'href="#id_original"' in page

    def test_an_unknown_kind_from_a_forged_post(self, admin_client):
        self.refused(
            admin_client, editing_data(kind="propaganda"), "Choose one of the kinds in the list."
        )

    def test_a_related_item_the_user_may_not_see(self, expert_client):
        hidden = make_material(status=Status.DRAFT, themes=(PLACED_CHILDREN,))
        self.refused(
            expert_client,
            editing_data(related_items=f"{hidden.pk}, 999999"),
            f"There are no items numbered {hidden.pk}, 999999 that you may see.",
        )

    def test_related_items_that_are_not_numbers(self, admin_client):
        self.refused(
            admin_client, editing_data(related_items="12, kolme"), "“kolme” is not a number"
        )

    def test_a_related_event_that_is_not_published(self, admin_client):
        draft = make_event(publish=False)
        self.refused(
            admin_client,
            editing_data(related_events=str(draft.pk)),
            f"There is no published event number {draft.pk}.",
        )

    def test_a_refused_edit_leaves_the_item_as_it_was(self, admin_client):
        item = make_material(title_fi="Ennallaan", isbn="978-952-13-6782-3")
        self.refused(
            admin_client,
            editing_data(title_fi="Muuttunut", isbn="978-952-13-6782-6"),
            "ISBN",
            url=edit_url(item),
        )
        item.refresh_from_db()
        assert item.title_fi == "Ennallaan"
        assert item.isbn == "978-952-13-6782-3"

    def test_a_second_submit_after_an_error_works(self, admin_client):
        self.refused(admin_client, editing_data(isbn="978-952-13-6782-6"), "ISBN")
        response = admin_client.post(CREATE, editing_data(isbn="978-952-13-6782-3"))
        assert response.status_code == 302
        assert Material.objects.get().isbn == "978-952-13-6782-3"

    def test_a_contributor_with_both_an_organisation_and_a_name(self, admin_client):
        make_organisation(kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Opetushallitus")
        self.refused(
            admin_client,
            editing_data(
                contributors=[
                    {"role": "author", "organisation_name": "Opetushallitus", "name": "Anna"}
                ]
            ),
            "Choose an organisation or type a name, not both",
        )

    def test_markdown_with_script_is_saved_as_text_and_rendered_inert(self, admin_client):
        body = (
            "Ohje\n\n<script>alert('body')</script>\n\n"
            '<img src="x" onerror="alert(1)">\n\n[linkki](javascript:alert(2))'
        )
        response = admin_client.post(CREATE, editing_data(body_fi=body))
        assert response.status_code == 302
        item = Material.objects.get()
        assert item.body_fi == body  # kept as written: the sanitising happens on output

        item_page = admin_client.get(reverse("materials:detail", args=[item.pk]))
        assert item_page.status_code == 200, "the item page (views/pages.py) is not built yet"
        page = item_page.content.decode()
        assert "<script>alert('body')" not in page
        assert "onerror=" not in page
        assert "javascript:alert" not in page


def test_a_field_refused_by_the_service_points_at_its_message(client, login, national_admin):
    login(client, national_admin)
    page = text(client.post(CREATE, editing_data(title_fi="", isbn="978-952-13-6782-6")))
    assert 'aria-describedby="id_isbn-hint id_isbn-error"' in page
    assert 'id="id_isbn-error"' in page
    assert 'aria-describedby="id_title_fi-error"' in page
    assert "govuk-input--error" in page
