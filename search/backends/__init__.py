def get_backend():
    """The backend that answers searches.

    Only the database backend exists so far; the engine backend, selected when SEARCH_URL
    is set, comes with the search issue.
    """
    from .database import DatabaseBackend

    return DatabaseBackend()
