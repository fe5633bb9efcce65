"""Decisions are searched by their group's names and responsible person's name too.

Recomputes ``Decision.search_text`` of existing rows the way ``decision_search_text``
in ``vip.network.models`` builds it from now on (a copy: a migration must not change
when the model's code does later).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

BATCH = 500


def _key(*parts: str | None) -> str:
    return " ".join(part.casefold() for part in parts if part)


def recompute(apps: Any, schema_editor: Any) -> None:
    Decision = apps.get_model("network", "Decision")
    changed = []
    for decision in Decision.objects.select_related("group", "responsible").order_by("pk"):
        group, responsible = decision.group, decision.responsible
        text = _key(
            decision.number,
            decision.text,
            group.name_fi,
            group.name_sv,
            group.name_en,
            responsible.given_name if responsible else "",
            responsible.family_name if responsible else "",
        )
        if decision.search_text != text:
            decision.search_text = text
            changed.append(decision)
    Decision.objects.bulk_update(changed, ["search_text"], batch_size=BATCH)


def number_and_text_only(apps: Any, schema_editor: Any) -> None:
    Decision = apps.get_model("network", "Decision")
    changed = []
    for decision in Decision.objects.order_by("pk"):
        decision.search_text = _key(decision.number, decision.text)
        changed.append(decision)
    Decision.objects.bulk_update(changed, ["search_text"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("network", "0003_alter_membership_options")]

    operations = [migrations.RunPython(recompute, number_and_text_only, elidable=True)]
