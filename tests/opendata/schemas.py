"""The Open Referral UK 3.0 schemas (tests/data/oruk), as `jsonschema` validators.

The schemas refer to each other by relative file name (`"$ref": "taxonomy_term.json"`) and the
OpenAPI description refers to them by their address on GitHub; every file is registered under
that address, so each `$ref` resolves to the copy here and nothing is fetched.
"""

import datetime
import functools
import json
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "data" / "oruk" / "schema"
BASE_URI = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"

ENVELOPE_KEYS = (
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
)

# What each endpoint returns, as a schema file under SCHEMA_DIR.
DETAIL_SCHEMAS = {
    "services": "compiled/service.json",
    "organizations": "compiled/organization.json",
    "service_at_locations": "compiled/service_at_location.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}
LIST_ITEM_SCHEMAS = {
    "services": "compiled/service_list.json",
    "organizations": "compiled/organization_list.json",
    "service_at_locations": "compiled/service_at_location_list.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}

FORMAT_CHECKER = FormatChecker(formats=("email",))


@FORMAT_CHECKER.checks("uuid", raises=ValueError)
def is_uuid(value):
    """A UUID written out in full, with its hyphens."""
    if not isinstance(value, str):
        return True
    return str(uuid.UUID(value)) == value.lower()


@FORMAT_CHECKER.checks("date-time", raises=ValueError)
def is_date_time(value):
    """An RFC 3339 date and time: a date, a time and an offset from UTC."""
    if not isinstance(value, str):
        return True
    parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value.upper() and parsed.tzinfo is not None


@FORMAT_CHECKER.checks("uri")
def is_absolute_uri(value):
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


@functools.cache
def registry():
    resources = []
    for path in sorted(SCHEMA_DIR.rglob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        uri = BASE_URI + path.relative_to(SCHEMA_DIR).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def validator_for(schema):
    return Draft202012Validator(schema, registry=registry(), format_checker=FORMAT_CHECKER)


def item_validator(name):
    """A validator for one object, given its schema file (e.g. "compiled/service.json")."""
    return validator_for({"$ref": BASE_URI + name})


def page_validator(item_schema):
    """A validator for a paginated list: the profile's `Page` envelope, all its keys present,
    and every item in `contents` valid against `item_schema`."""
    return validator_for(
        {
            "allOf": [
                {"$ref": BASE_URI + "openapi.json#/components/schemas/Page"},
                {
                    "type": "object",
                    "required": list(ENVELOPE_KEYS),
                    "properties": {
                        "contents": {"type": "array", "items": {"$ref": BASE_URI + item_schema}}
                    },
                },
            ]
        }
    )


def meta_validator():
    """A validator for `/`, the API's information about itself."""
    pointer = "openapi.json#/paths/~1/get/responses/200/content/application~1json/schema"
    return validator_for({"$ref": BASE_URI + pointer})


def errors(validator, instance):
    """Every way `instance` breaks the schema, one readable line each (empty when valid)."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator.iter_errors(instance)
    ]


def null_paths(value, path="(root)"):
    """Where the JSON holds a null: the profile omits empty optional fields instead."""
    if value is None:
        return [path]
    if isinstance(value, dict):
        children = value.items()
    elif isinstance(value, list):
        children = enumerate(value)
    else:
        return []
    return [found for key, child in children for found in null_paths(child, f"{path}/{key}")]
