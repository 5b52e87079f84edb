"""Where the engine is (the SEARCH_URL setting) and the error raised when it does not answer.

Apart from the backend chooser (`search.backends`) so that `search.engine`, which the engine
backend calls, can use both without importing the chooser back.
"""

from django.conf import settings


class EngineUnavailable(Exception):
    """The search engine could not be reached in time; the database should answer instead."""


def engine_url():
    return getattr(settings, "SEARCH_URL", "") or ""
