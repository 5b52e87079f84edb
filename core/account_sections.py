"""The account page is assembled from sections that each app registers, the way Wagtail
hooks work, so `accounts` never imports the apps that add to it.

In an app's `wagtail_hooks.py`::

    @hooks.register(ACCOUNT_SECTIONS_HOOK)
    def organisations_section():
        return AccountSection(
            title=_("Your organisations"),
            template="directory/account/organisations_section.html",
            get_context=lambda request: {"memberships": ...},
            order=20,
        )

The template receives `section` (with `section.title` and `section.context`) and the page's
own context (`request`, `user`...).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks

ACCOUNT_SECTIONS_HOOK = "register_account_section"


@dataclass(frozen=True)
class AccountSection:
    title: str
    template: str
    # Takes the request; returns what the template needs. Keep it to a fixed number of
    # queries: the account page's query budget does not grow with rows.
    get_context: Callable = field(default=lambda request: {})
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    title: str
    template: str
    context: dict
    order: int


def account_sections(request):
    """Every registered section, in order, with its context for this request's user.

    A hook may return None to leave its section out (say, for someone it does not apply to).
    A section whose `get_context` returns None is left out for this person (say, one about
    something they have none of).
    """
    rendered = []
    for hook in hooks.get_hooks(ACCOUNT_SECTIONS_HOOK):
        section = hook()
        context = section.get_context(request) if section is not None else None
        if context is not None:
            rendered.append(
                RenderedSection(section.title, section.template, context, section.order)
            )
    return sorted(rendered, key=lambda section: section.order)
