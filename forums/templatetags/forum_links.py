"""Addresses for emails: `{{ page|absolute_page_url }}` is the page's version in the reader's
language on the site's configured root URL (never the Site row's, which says localhost in a
fresh install)."""

from django import template

from core.page_urls import localized_page_absolute_url

register = template.Library()


@register.filter
def absolute_page_url(page):
    return localized_page_absolute_url(page) if page else ""
