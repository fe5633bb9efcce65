"""Feedback gets a random primary key instead of a counter.

A counter would give away the order in which answers arrived, which together with
the times feedback links were used could tie an answer to its registrant. The
table is created anew: no release has stored feedback yet, so only development
and demo data is dropped (seed_demo recreates it).
"""

import uuid

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_attendance_feedback_materials_messages"),
    ]

    operations = [
        migrations.DeleteModel(name="Feedback"),
        migrations.CreateModel(
            name="Feedback",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "overall",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="overall rating",
                    ),
                ),
                (
                    "usefulness",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="usefulness for your work",
                    ),
                ),
                (
                    "would_recommend",
                    models.BooleanField(blank=True, null=True, verbose_name="would recommend"),
                ),
                (
                    "comment",
                    models.TextField(blank=True, max_length=4000, verbose_name="comments"),
                ),
                (
                    "submitted_on",
                    models.DateField(default=django.utils.timezone.localdate, editable=False),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="feedback",
                        to="events.event",
                    ),
                ),
            ],
            options={
                "verbose_name": "feedback",
                "verbose_name_plural": "feedback",
                "ordering": ["event", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("overall__gte", 1), ("overall__lte", 5)),
                        name="feedback_overall_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("usefulness__gte", 1), ("usefulness__lte", 5)),
                        name="feedback_usefulness_range",
                    ),
                ],
            },
        ),
    ]
