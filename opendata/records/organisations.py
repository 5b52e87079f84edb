"""An organisation as an Open Referral UK `organization`: who it is, how to reach it, its
register numbers in org-id.guide form, and the vocabulary terms that describe it. Its
address is never published here: the standard keeps addresses on locations, and an
organisation may keep its address confidential."""

import html

from core.page_urls import page_absolute_url
from core.text import plain_text
from directory.identifiers import COMPANY_ORG_ID_SCHEME, ORG_ID_SCHEMES
from opendata.ids import child_id
from opendata.records.taxonomies import term_record


def omit_empty(record):
    """The record without empty optional values (the standard's "omit, don't null")."""
    return {key: value for key, value in record.items() if value not in (None, "", [], {})}


def text_of(rich_text):
    """Rich text as plain text, entities decoded."""
    return html.unescape(plain_text(rich_text))


def organization_identifiers(organisation):
    key = str(organisation.translation_key)
    found = []
    scheme = ORG_ID_SCHEMES.get(organisation.charity_regulator)
    if scheme and organisation.charity_number:
        found.append((scheme, "Charity number", organisation.charity_number))
    if organisation.company_number:
        found.append((COMPANY_ORG_ID_SCHEME, "Company number", organisation.company_number))
    return [
        {
            "id": child_id(key, "identifier", scheme),
            "organization_id": key,
            "identifier_scheme": scheme,
            "identifier_type": kind,
            "identifier": f"{scheme}-{number}",
        }
        for scheme, kind, number in found
    ]


def organisation_terms(organisation):
    """The terms describing the organisation (prefetched by public_organisations/services)."""
    return [*organisation.led_by_and_for.all(), *organisation.commissioning_relationships.all()]


def attribute_records(owner_id, link_type, terms):
    return [
        {
            "id": child_id(owner_id, "attribute", term.translation_key),
            "link_id": owner_id,
            "link_type": link_type,
            "taxonomy_term_id": str(term.translation_key),
            "taxonomy_term": term_record(term),
        }
        for term in terms
    ]


def organization_record(organisation):
    key = str(organisation.translation_key)
    description = text_of(organisation.description) or organisation.summary
    return omit_empty(
        {
            "id": key,
            "name": organisation.title,
            "description": description or organisation.title,
            "email": organisation.email,
            "website": organisation.website,
            "uri": page_absolute_url(organisation),
            "organization_identifiers": organization_identifiers(organisation),
            "attributes": attribute_records(key, "organization", organisation_terms(organisation)),
        }
    )
