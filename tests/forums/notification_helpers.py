"""Helpers shared by the notification tests: a subscription, and a news item not yet
published."""

import datetime

from forums.models import ForumNewsPage, ForumSubscription


def subscribe(user, forum, topics=("news",), frequency="as_it_happens"):
    return ForumSubscription.objects.create(
        user=user, forum=forum, topics=list(topics), frequency=frequency
    )


def draft_news(forum, title="A new chair for the forum"):
    page = ForumNewsPage(
        title=title,
        date=datetime.date(2026, 5, 1),
        summary="Meet the forum's new chair.",
        body="<p>Body</p>",
        live=False,
    )
    forum.add_child(instance=page)
    return page
