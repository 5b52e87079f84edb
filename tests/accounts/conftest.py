from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    """allauth counts attempts in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()
