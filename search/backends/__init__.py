"""Which backend answers. Only this package reads the SEARCH_URL setting."""

from search.backends.engine_config import EngineUnavailable, engine_url

__all__ = ["EngineUnavailable", "database_backend", "engine_url", "get_backend"]


def database_backend():
    from .database import DatabaseBackend

    return DatabaseBackend()


def get_backend():
    """The engine when SEARCH_URL is set, otherwise the database."""
    if engine_url():
        from .engine import EngineBackend

        return EngineBackend(engine_url())
    return database_backend()
