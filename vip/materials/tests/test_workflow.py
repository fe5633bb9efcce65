"""The workflow on the edit page: draft -> in review -> published -> archived, with its history."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.contrib.messages import get_messages

from vip.audit.models import AuditAction, AuditEvent
from vip.materials.models import Material, StatusChange
from vip.materials.services import items
from vip.materials.tests.builders import PLACED_CHILDREN, expert_member, make_material

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status


def move_url(item: Material) -> str:
    return f"/en/materials/{item.pk}/status/"


def edit_url(item: Material) -> str:
    return f"/en/materials/{item.pk}/edit/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def flashed(response: Any) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def move(client, item: Material, to: str, comment: str = "", seen: str | None = None):
    """Press the button of ``to`` on the edit page loaded when the item was ``seen``."""
    return client.post(
        move_url(item),
        {"to_status": to, "from_status": seen or item.status, "comment": comment},
    )


@pytest.fixture
def expert():
    return expert_member()


@pytest.fixture
def expert_client(client, login, expert):
    return login(client, expert)


class TestMoves:
    def test_an_item_goes_through_the_whole_workflow(self, expert_client, expert):
        item = make_material(status=Status.DRAFT)

        for to in (Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED, Status.PUBLISHED):
            response = move(expert_client, item, to)
            assert response.status_code == 302
            assert response["Location"] == edit_url(item)
            item.refresh_from_db()
            assert item.status == to

        assert item.published_at is not None
        changes = list(item.status_changes.order_by("id"))
        assert [(c.from_status, c.to_status) for c in changes] == [
            ("draft", "review"),
            ("review", "published"),
            ("published", "archived"),
            ("archived", "published"),
        ]
        assert {c.changed_by for c in changes} == {expert}
        assert (
            AuditEvent.objects.filter(
                action=AuditAction.MATERIAL_STATUS_CHANGED, target_id=str(item.pk)
            ).count()
            == 4
        )

    def test_each_move_says_what_happened(self, expert_client):
        item = make_material(status=Status.REVIEW)
        assert "everyone sees it now" in flashed(move(expert_client, item, Status.PUBLISHED))

    def test_returning_to_draft_keeps_the_reviewers_comment(self, expert_client, expert):
        item = make_material(status=Status.REVIEW)

        move(expert_client, item, Status.DRAFT, comment="Lisää lähteet, kiitos.")

        item.refresh_from_db()
        assert item.status == Status.DRAFT
        change = StatusChange.objects.get(material=item)
        assert change.comment == "Lisää lähteet, kiitos."
        page = text(expert_client.get(edit_url(item)))
        assert "Lisää lähteet, kiitos." in page
        assert "In review → Draft" in page
        assert str(expert) in page

    def test_returning_to_draft_without_a_comment_is_refused(self, expert_client):
        item = make_material(status=Status.REVIEW)
        response = move(expert_client, item, Status.DRAFT, comment="  ")
        assert "Say what should change" in flashed(response)
        item.refresh_from_db()
        assert item.status == Status.REVIEW
        assert not StatusChange.objects.exists()

    def test_a_move_the_workflow_does_not_have_is_refused(self, expert_client):
        item = make_material(status=Status.DRAFT)
        response = move(expert_client, item, Status.PUBLISHED)
        assert response.status_code == 302
        assert "cannot be moved to published" in flashed(response)
        item.refresh_from_db()
        assert item.status == Status.DRAFT
        assert not StatusChange.objects.exists()

    def test_a_status_that_does_not_exist_is_refused(self, expert_client):
        item = make_material(status=Status.DRAFT)
        response = move(expert_client, item, "deleted")
        assert "not a status of the workflow" in flashed(response)
        item.refresh_from_db()
        assert item.status == Status.DRAFT

    def test_a_move_from_a_stale_page_is_refused(self, expert_client):
        item = make_material(status=Status.REVIEW)
        # Someone else published the item after this page was loaded.
        items.material_transition(actor=None, material=item, to_status=Status.PUBLISHED)
        response = move(expert_client, item, Status.DRAFT, "Korjaa", seen=Status.REVIEW)
        assert "status changed after the page was loaded" in flashed(response)
        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert StatusChange.objects.count() == 1

    def test_only_the_items_editors_may_move_it(self, client, login, outsider):
        item = make_material(status=Status.REVIEW)
        login(client, expert_member(PLACED_CHILDREN))
        assert move(client, item, Status.PUBLISHED).status_code == 404
        login(client, outsider)
        assert move(client, item, Status.PUBLISHED).status_code == 404
        item.refresh_from_db()
        assert item.status == Status.REVIEW

    def test_the_move_is_a_form_action_only(self, expert_client):
        item = make_material(status=Status.DRAFT)
        assert expert_client.get(move_url(item)).status_code == 405


class TestEditPage:
    @pytest.mark.parametrize(
        ("status", "offered", "not_offered"),
        [
            (Status.DRAFT, ["Send to review"], ["Publish", "Archive", "Return to draft"]),
            (Status.REVIEW, ["Publish", "Return to draft"], ["Send to review", "Archive"]),
            (Status.PUBLISHED, ["Archive"], ["Publish", "Send to review", "Return to draft"]),
            (Status.ARCHIVED, ["Restore as published", "Return to draft"], ["Archive"]),
        ],
    )
    def test_the_buttons_are_the_moves_of_the_status(
        self, expert_client, status, offered, not_offered
    ):
        item = make_material(status=status)
        page = text(expert_client.get(edit_url(item)))
        start = page.index('id="workflow-title"')
        buttons = page[start : page.index("</section>", start)]
        for label in offered:
            assert f">{label}</button>" in buttons
        for label in not_offered:
            assert f">{label}</button>" not in buttons
        assert f'name="from_status" value="{status}"' in buttons

    def test_the_history_lists_who_when_what_and_why(self, expert_client, national_admin):
        item = make_material(status=Status.DRAFT)
        items.material_transition(
            actor=national_admin, material=item, to_status=Status.REVIEW, comment="Valmis."
        )
        page = text(expert_client.get(edit_url(item)))
        history = page[page.index('id="history-title"') :]
        assert "Draft → In review" in history
        assert "Valmis." in history
        assert str(national_admin) in history

    def test_an_item_without_moves_says_so(self, expert_client):
        item = make_material(status=Status.DRAFT)
        assert "has not moved in the workflow yet" in text(expert_client.get(edit_url(item)))
