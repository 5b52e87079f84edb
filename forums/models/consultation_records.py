"""Responses to consultations: plain records (no revisions), and when an outcome was
announced. The consultation page and its questions are in consultations.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ConsultationResponse(models.Model):
    """One response. Anonymous responses keep no user, organisation, address or time of day:
    only dates are stored, for every response."""

    consultation = models.ForeignKey(
        "forums.ConsultationPage", on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # An organisation's response outlives the account of the person who wrote it.
        on_delete=models.SET_NULL,
        related_name="consultation_responses",
    )
    organisation = models.ForeignKey(
        "directory.OrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_responses",
    )
    # Set when the consultation takes one response per organisation (for the constraint).
    for_organisation = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    created_on = models.DateField(default=timezone.localdate)
    updated_on = models.DateField(default=timezone.localdate)
    submitted_on = models.DateField(null=True, blank=True)
    # A random key printed in the form, so a double-submitted anonymous form makes one
    # response. It says nothing about the respondent.
    form_key = models.CharField(max_length=32, null=True, blank=True, unique=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "organisation"],
                condition=Q(for_organisation=True, organisation__isnull=False),
                name="one_response_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["consultation", "user", "organisation"],
                condition=Q(user__isnull=False, organisation__isnull=False),
                name="one_response_per_person_and_organisation",
            ),
            models.UniqueConstraint(
                fields=["consultation", "user"],
                condition=Q(user__isnull=False, organisation__isnull=True),
                name="one_individual_response_per_person",
            ),
        ]

    def __str__(self):
        return f"Response {self.pk} to {self.consultation_id}"

    @property
    def is_submitted(self):
        return self.status == ResponseStatus.SUBMITTED


class ConsultationAnswer(models.Model):
    response = models.ForeignKey(
        ConsultationResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        "forums.ConsultationQuestion", on_delete=models.CASCADE, related_name="answers"
    )
    # Multiple choices are stored one per line.
    value = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    @property
    def values(self):
        return [line for line in self.value.splitlines() if line]


class ConsultationOutcomeNotice(models.Model):
    """When the outcome was first published and respondents emailed. Operational state,
    kept off the page so publishing an older revision cannot reset it."""

    consultation = models.OneToOneField(
        "forums.ConsultationPage", on_delete=models.CASCADE, related_name="outcome_notice"
    )
    published_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)
