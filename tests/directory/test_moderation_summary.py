"""The moderators' dashboard line counts each kind of item in words that agree with it:
"1 claim", "2 claims"."""

from django.template.loader import render_to_string
from django.utils.html import strip_tags

import pytest


def _summary(submissions, claims, reports):
    counts = {"submissions": submissions, "claims": claims, "reports": reports}
    html = render_to_string(
        "directory/moderation/summary_item.html",
        {**counts, "total": submissions + claims + reports},
    )
    return " ".join(strip_tags(html).split())


@pytest.mark.parametrize(
    "counts, words",
    [
        ((1, 1, 1), "3 items to moderate (1 listing or change, 1 claim, 1 problem report)"),
        ((2, 2, 2), "6 items to moderate (2 listings and changes, 2 claims, 2 problem reports)"),
        ((0, 1, 0), "1 item to moderate (0 listings and changes, 1 claim, 0 problem reports)"),
    ],
)
def test_each_count_agrees_with_its_noun(counts, words):
    assert words in _summary(*counts)
