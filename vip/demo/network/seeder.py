"""The network seeder: every part planned first, in a fixed order, then written."""

from __future__ import annotations

from vip.demo.network.groups import GroupSeeder
from vip.demo.network.plans import GroupPlan
from vip.demo.network.regional import RegionalSeeder
from vip.demo.network.vipu import VipuSeeder


class NetworkSeeder(GroupSeeder, RegionalSeeder, VipuSeeder):
    def plan_groups(self) -> list[GroupPlan]:
        return [
            *self.steering_groups(),
            *self.thematic_groups(),
            *self.regional_groups(),
            self.vaatu_group(),
            *self.core_groups(),
        ]

    def run(self) -> None:
        self._load()
        # People are named in the order they are first planned, so this order is the
        # demo's: groups first, then the VIPU contacts.
        groups = self.plan_groups()
        campaign_values = self.campaign_values()
        nominations = self.plan_nominations()

        self._load_persons()
        self._load_groups()
        for plan in groups:
            self.write_group(plan)
        self.write_campaign(campaign_values, nominations)
