from django.conf import settings
from django.db import migrations, models


def unlink_later_duplicates(apps, schema_editor):
    """Before the constraint: an event with more than one survey (made by copying one) keeps
    its first; the later ones become ordinary consultations."""
    ConsultationPage = apps.get_model("forums", "ConsultationPage")
    kept = set()
    surveys = ConsultationPage.objects.filter(feedback_for_event__isnull=False).order_by("pk")
    for survey_id, event_id in surveys.values_list("pk", "feedback_for_event_id"):
        if event_id in kept:
            ConsultationPage.objects.filter(pk=survey_id).update(feedback_for_event=None)
        kept.add(event_id)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_seed_vocabularies"),
        ("forums", "0005_feedback_surveys"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RunPython(unlink_later_duplicates, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="consultationpage",
            constraint=models.UniqueConstraint(
                condition=models.Q(("feedback_for_event__isnull", False)),
                fields=("feedback_for_event",),
                name="one_feedback_survey_per_event",
            ),
        ),
    ]
