"""The demo materials bank: the publications the seeds name, and synthetic volume.

The named items (``named``) are the network's publications and showcase items: the
situation survey on school non-attendance (OPH 2020:9) and its English release, the
pupil and teacher profiles of hospital teaching, Elmeri schools and state reform
schools, learning monitoring in activity-area teaching, a guide on extended compulsory
education, a book on pupils who do not attend school, the placed-children theme
group's info briefs, models and methods of every theme, checklists, recordings of demo
events and news; most published, a few drafts and one in review.

The volume (``volume``) is synthetic: 50,000 items at ``--scale national`` (300 at
``small``) written from domain vocabulary (``vocabulary``, ``text``), bulk-created, and
indexed for search once at the end (``seeder``).
"""

from vip.demo.materials.seeder import SCALES, MaterialSeeder

__all__ = ["SCALES", "MaterialSeeder"]
