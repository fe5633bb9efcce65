"""The demo calendar: the seed documents' events, a showcase around today, and volume.

The named events (``named``) are the ones the network's documents mention: the remote
rally "Älä luovuta meistä!" on 15.9.2020, the webinar series on activity-area teaching
with the regional state administrative agencies in spring 2021, a remote seminar on
children placed outside their home, a paid national seminar on school non-attendance,
the VIPU contacts' trainings and the network days (five regional and one national a
year). Around today a showcase keeps the calendar and the organiser tools alive: events
open for registration, one full with a waiting list, one whose waiting list is full
too, a paid seminar with billing details, a cancelled one, a draft, one not open yet,
and one held a few days ago with attendance and feedback.

The volume (``volume``) fills the calendar to real size: about 5,000 events and 150,000
registrations at ``--scale national``, 300 events and some thousands of registrations
at ``--scale small``. Registrants (``registrants``) are synthetic people spread over the
municipalities, sectors and organisations of the registry; past events have attendance
marked and feedback; old registrations look as the retention job leaves them.

Everything is planned first (a pure function of the seed, the registry and today's
date) and written second, in bulk (``writer``). Each event's uid is derived from its
key, so a second run finds what the first wrote and adds nothing.
"""

from vip.demo.events.seeder import SCALES, EventSeeder

__all__ = ["SCALES", "EventSeeder"]
