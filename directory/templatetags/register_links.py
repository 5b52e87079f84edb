"""Links from an organisation's page to the public registers that hold its numbers (the
rules are `directory.identifiers`)."""

from django import template

from directory.identifiers import charity_register_url, company_register_url

register = template.Library()


@register.filter
def charity_register_link(organisation):
    return charity_register_url(organisation.charity_regulator, organisation.charity_number)


@register.filter
def company_register_link(organisation):
    return company_register_url(organisation.company_number)
