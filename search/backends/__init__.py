"""Which backend answers. Only this package reads the SEARCH_URL setting."""

from django.conf import settings


class EngineUnavailable(Exception):
    """The search engine could not be reached in time; the database should answer instead."""


def database_backend():
    from .database import DatabaseBackend

    return DatabaseBackend()


def engine_url():
    return getattr(settings, "SEARCH_URL", "") or ""


def get_backend():
    """The engine when SEARCH_URL is set, otherwise the database."""
    if engine_url():
        from .engine import EngineBackend

        return EngineBackend(engine_url())
    return database_backend()
