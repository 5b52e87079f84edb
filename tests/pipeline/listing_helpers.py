"""Reading the pipeline index as a visitor does: each quarter's caption (or heading, when
nothing is expected) and the opportunities listed under it."""

import datetime
import html
import re

import time_machine

from tests.factories import PipelineIndexPageFactory, build_site_tree

# A Sunday in the first quarter (April to June) of the 2026 to 2027 financial year.
TODAY = datetime.date(2026, 5, 10)

_QUARTER = re.compile(
    r'<table class="govuk-table cg-pipeline-table".*?<caption[^>]*>(?P<caption>.*?)</caption>'
    r"(?P<body>.*?)</table>"
    r'|<h2 class="govuk-heading-m">(?P<empty>.*?)</h2>',
    re.S,
)
_TITLE = re.compile(r'<th scope="row"[^>]*><a class="govuk-link" href="[^"]*">(.*?)</a></th>', re.S)


def quarters(response):
    """{quarter label: [opportunity titles]} in the page's order (empty quarters: [])."""
    assert response.status_code == 200
    content = response.content.decode()
    listing = content.split('data-testid="pipeline-count"', 1)[1].split('id="recent-changes"')[0]
    found = {}
    for match in _QUARTER.finditer(listing):
        if match["empty"] is not None:
            found[html.unescape(match["empty"]).strip()] = []
        else:
            titles = [html.unescape(title) for title in _TITLE.findall(match["body"])]
            found[html.unescape(match["caption"]).strip()] = titles
    return found


def listed(response):
    """Every opportunity title listed, in any quarter."""
    return sorted(title for titles in quarters(response).values() for title in titles)


def day(days_from_today):
    return TODAY + datetime.timedelta(days=days_from_today)


def frozen_today():
    """Stop the clock at 11:00 on TODAY (a `with` block)."""
    return time_machine.travel(
        datetime.datetime(2026, 5, 10, 11, 0, tzinfo=datetime.UTC), tick=False
    )


def make_pipeline():
    tree = build_site_tree()
    return PipelineIndexPageFactory(parent=tree.home)
