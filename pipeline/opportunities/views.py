"""The pipeline's calendar of key dates (the Atom feed of changes is a syndication feed,
`pipeline.opportunities.feeds.ChangesFeed`)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from pipeline.opportunities.feeds import calendar_opportunities, key_dates_calendar, pipeline_title


def key_dates(request):
    name = _("%(pipeline)s: key dates") % {"pipeline": pipeline_title()}
    content = key_dates_calendar(calendar_opportunities(), name)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pipeline-key-dates.ics"'
    return response
