"""Organisations written by hand (`curated.toml`): what practitioners most often look for,
made sure to exist in the demo, with names, descriptions and tags that agree.

The planners (`planning`, `service_planning`) add their addresses, phone numbers,
identifiers, referral routes, costs and capacity as for the generated organisations, after
them and each from its own random stream, so adding one here changes nothing generated.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

CURATED_FILE = Path(__file__).with_name("curated.toml")


@dataclass(frozen=True)
class ServiceSpec:
    title: str
    categories: tuple[str, ...]
    groups: tuple[str, ...]
    stages: tuple[str, ...]
    town: str
    detail: str
    online: bool = False
    confidential: bool = False  # a refuge: the address is never shown


@dataclass(frozen=True)
class OrganisationSpec:
    title: str
    theme: str  # the category of the organisation's main theme (organisations.THEMES)
    summary: str
    income_band: str
    regions: tuple[str, ...]  # empty: across England and Wales
    town: str
    services: tuple[ServiceSpec, ...]
    led_by_and_for: tuple[str, ...] = ()


def curated_organisations(path=CURATED_FILE):
    """The hand-written organisations, in the file's order."""
    with open(path, "rb") as handle:
        entries = tomllib.load(handle)["organisation"]
    return [
        OrganisationSpec(
            title=entry["title"],
            theme=entry["theme"],
            summary=entry["summary"],
            income_band=entry["income_band"],
            regions=tuple(entry["regions"]),
            town=entry["town"],
            led_by_and_for=tuple(entry.get("led_by_and_for", ())),
            services=tuple(
                ServiceSpec(
                    title=service["title"],
                    categories=tuple(service["categories"]),
                    groups=tuple(service["groups"]),
                    stages=tuple(service["stages"]),
                    town=service["town"],
                    detail=service["detail"],
                    online=service.get("online", False),
                    confidential=service.get("confidential", False),
                )
                for service in entry["service"]
            ),
        )
        for entry in entries
    ]
