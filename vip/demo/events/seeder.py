"""The event seeder: plan every event first, in a fixed order, then write the new ones."""

from __future__ import annotations

from vip.core import data_versions
from vip.demo.events.named import NamedEventPlanner
from vip.demo.events.plans import EventPlan
from vip.demo.events.registrants import RegistrantPool
from vip.demo.events.volume import VolumePlanner
from vip.demo.events.writer import EventWriter
from vip.events.models import EVENTS_DATA

# Events in all (named ones included), the size of the pool of registrants, and the
# share of each event's real size (interest and seats) the scale keeps.
SCALES: dict[str, dict[str, float]] = {
    "small": {"events": 300, "people": 3000, "demand": 0.4},
    "national": {"events": 5000, "people": 30000, "demand": 1.0},
}


class EventSeeder(NamedEventPlanner, VolumePlanner, EventWriter):
    def plan(self) -> list[EventPlan]:
        scale = SCALES[self.seeder.scale]
        named = self.plan_named()
        volume = self.plan_volume(max(0, int(scale["events"]) - len(named)))
        plans = [*named, *volume]
        factor = scale["demand"]
        for plan in plans:
            if plan.scaled and factor != 1:
                # Seats shrink with the interest, so events fill up as often as at full size.
                plan.demand = max(1, round(plan.demand * factor))
                if plan.capacity is not None:
                    plan.capacity = max(5, round(plan.capacity * factor))
                    plan.waiting_list_capacity = round(plan.waiting_list_capacity * factor)
        return plans

    def run(self) -> None:
        self._load()
        planned = self.plan()
        self.restore_feedback(planned)
        plans = self.new_plans(planned)
        if not plans:
            return
        # The pool is drawn only when something is written: a second run stays quick.
        self.pool = RegistrantPool(
            self.rng("registrants"),
            int(SCALES[self.seeder.scale]["people"]),
            self.seeder.municipalities,
            self.sectors,
            self.domain,
        )
        self.write_events(plans)
        data_versions.bump(EVENTS_DATA)
