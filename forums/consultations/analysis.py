"""What forum managers read of a consultation's responses: per-question summaries, responses
by day, and one export row per submitted response (no personal data for anonymous ones).
Filters (forms.AnalysisFilterForm) narrow every one of them alike."""

from collections import Counter

from django.db.models import Count

from forums.consultations.rules import answer_display, questions_of
from forums.models import ConsultationAnswer, ResponseStatus
from forums.models.consultations import FREE_TEXT_KINDS, SUMMARISED_KINDS


def submitted_responses(consultation, filters=None):
    responses = consultation.responses.filter(status=ResponseStatus.SUBMITTED)
    return filters.filter(responses) if filters is not None else responses


def _question_summary(question, given):
    summary = {"question": question, "answered": len(given), "rows": [], "texts": []}
    if question.kind in SUMMARISED_KINDS:
        counts = Counter()
        for value, _organisation in given:
            counts.update(line for line in value.splitlines() if line)
        for option, label in question.options():
            count = counts.get(option, 0)
            percent = round(100 * count / len(given)) if given else 0
            summary["rows"].append({"label": label, "count": count, "percent": percent})
    elif question.kind in FREE_TEXT_KINDS:
        summary["texts"] = [
            {"text": value, "organisation": organisation} for value, organisation in given
        ]
    return summary


def summarise(consultation, filters=None):
    """Per-question summaries of submitted responses, in a few queries whatever their number."""
    questions = questions_of(consultation)
    responses = submitted_responses(consultation, filters)
    answers = ConsultationAnswer.objects.filter(response__in=responses.values("pk")).values_list(
        "question_id", "value", "response__organisation__title"
    )
    by_question = {}
    for question_id, value, organisation in answers:
        by_question.setdefault(question_id, []).append((value, organisation))
    return {
        "total": responses.count(),
        "questions": [_question_summary(q, by_question.get(q.pk, [])) for q in questions],
    }


def responses_over_time(consultation):
    return list(
        consultation.responses.filter(status=ResponseStatus.SUBMITTED)
        .values("submitted_on")
        .annotate(count=Count("pk"))
        .order_by("submitted_on")
    )


def export_rows(consultation, filters=None):
    """One row per submitted response: no personal data for anonymous responses."""
    questions = questions_of(consultation)
    header = ["Response", "Submitted", "Respondent", "Email", "Organisation"] + [
        q.text for q in questions
    ]
    responses = (
        submitted_responses(consultation, filters)
        .select_related("user", "organisation")
        .prefetch_related("answers")
        .order_by("pk")
    )

    def rows():
        for response in responses:
            answers = {a.question_id: a.value for a in response.answers.all()}
            user = response.user
            yield [
                response.pk,
                response.submitted_on.isoformat() if response.submitted_on else "",
                (user.get_full_name() or user.email) if user else "Anonymous",
                user.email if user else "",
                response.organisation.title if response.organisation else "",
                *(answer_display(q, answers[q.pk]) if q.pk in answers else "" for q in questions),
            ]

    return header, rows()
