"""People and taxonomy terms.

Taxonomy terms are seeded by migrations (they are the sector's vocabulary), so factories
never create them: they look them up by slug, in the default locale.
"""

import factory
from factory.django import DjangoModelFactory

from core.models import Region

DEFAULT_PASSWORD = "a long and memorable test password"


class UserFactory(DjangoModelFactory):
    """A person who signs in with their email address (there is no username)."""

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    password = factory.django.Password(DEFAULT_PASSWORD)
    is_active = True

    class Meta:
        model = "accounts.User"


def term(model, value):
    """A seeded term of `model`, given either the term itself or its slug."""
    if isinstance(value, model):
        return value
    return model.objects.in_default_locale().get(slug=value)


def terms(model, values):
    """Seeded terms of `model` from a list of terms or slugs (order kept)."""
    return [term(model, value) for value in values or []]


def region(slug):
    return term(Region, slug)
