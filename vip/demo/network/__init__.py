"""The network's people, groups, meetings and VIPU contacts for the demo.

The structure follows the domain: the steering group of 2021-2022 (history) and the
current one, the four thematic groups each with its expert group, the five regional
groups with most but not all of the eleven sectors filled (unevenly), the Vaatu work
group with deputies, regional core groups in three areas, meetings with attendance and
decisions, and a VIPU campaign in which about 80 % of the mainland municipalities have
named their contacts, unevenly across the areas. Åland is outside the network.

Everything is planned first and written second. The plan is a pure function of the
seed, the organisations and today's date, so every run draws the same names in the same
order; writing looks rows up by their natural keys (a group's Finnish name, a person's
e-mail, the campaign's Finnish name) and skips what exists, so a second run adds nothing.
Rows go through the services with no actor, so the membership and nomination rules hold
for demo data too. Terms are placed around today, so the groups stay current whenever
the demo is built; only the steering group of 2021-2022 is history.

The seeder is assembled from one part per concern (``plans``, ``base``, ``people``,
``groups``, ``regional``, ``vipu``), joined in ``seeder``.

The network has its real, national size at both scales: about twenty groups, a few
hundred memberships and about six hundred VIPU contacts.
"""

from vip.demo.network.seeder import NetworkSeeder

__all__ = ["NetworkSeeder"]
