"""Mapping a Charity Commission record to the fields of a directory listing: names in
title case, a short summary, cleaned contact details, the income band and the regions."""

import datetime
import html
import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from wagtail.models import Locale

from core.models import IncomeBand, Place, Region
from directory.models import OrganisationPage

SUMMARY_MAX_LENGTH = OrganisationPage._meta.get_field("summary").max_length


# Upper bounds of the income bands (inclusive), as the Commission reports them.
INCOME_BANDS = [
    (10_000, IncomeBand.UNDER_10K),
    (100_000, IncomeBand.FROM_10K_TO_100K),
    (500_000, IncomeBand.FROM_100K_TO_500K),
    (1_000_000, IncomeBand.FROM_500K_TO_1M),
    (5_000_000, IncomeBand.FROM_1M_TO_5M),
    (10_000_000, IncomeBand.FROM_5M_TO_10M),
]

# "Throughout …" areas that mean all of England and Wales, for this directory.
NATIONAL_AREAS = {"england and wales", "england", "united kingdom", "uk", "great britain"}
_AREA_PREFIXES = (
    "throughout ",
    "royal borough of ",
    "london borough of ",
    "borough of ",
    "city and county of ",
    "city of ",
    "county of ",
    "county ",
)
_AREA_SUFFIXES = (
    " metropolitan borough",
    " borough council",
    " city council",
    " council",
    " borough",
    " district",
    " county",
    " city",
)
# Kept in capitals when a name written in capitals is put in title case.
_ACRONYMS = {"UK", "CIC", "CIO", "NHS", "HMP", "HM", "YMCA", "YWCA", "CVS", "BAME", "LGBT"}
_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "at", "by", "with", "a", "an"}


class PlaceMap:
    """Place and region names (case-insensitive) → regions, from the editable Place table."""

    def __init__(self):
        locale = Locale.get_default()
        self.regions_by_slug = {
            region.slug: region for region in Region.objects.filter(locale=locale)
        }
        self._names = {}
        for region in self.regions_by_slug.values():
            self._names[_normalise_name(region.name)] = region.slug
        for name, slug in Place.objects.filter(locale=locale).values_list("name", "region__slug"):
            self._names[_normalise_name(name)] = slug

    def region_for(self, name):
        """The region slug a place or area name is in, or None."""
        for candidate in _name_candidates(name):
            if candidate in self._names:
                return self._names[candidate]
        return None

    def coverage(self, areas, address_lines):
        """(is_national, sorted region slugs) from the areas of operation, else the address."""
        regions = set()
        for area in areas:
            normalised = _normalise_name(area).removeprefix("throughout ")
            if normalised in NATIONAL_AREAS:
                return True, []
            slug = self.region_for(area)
            if slug:
                regions.add(slug)
        if not regions:
            # No usable area: the town in the contact address is the best guess.
            for line in reversed(address_lines):
                for part in reversed(line.split(",")):
                    slug = self.region_for(part)
                    if slug:
                        return False, [slug]
        return False, sorted(regions)


def _normalise_name(name):
    name = (name or "").lower().replace("&", " and ").replace("-", " ").replace("’", "'")
    return " ".join(name.split())


def _name_candidates(name):
    normalised = _normalise_name(name)
    if not normalised:
        return []
    candidates = [normalised]
    stripped = normalised
    for prefix in _AREA_PREFIXES:
        stripped = stripped.removeprefix(prefix)
    for suffix in _AREA_SUFFIXES:
        stripped = stripped.removesuffix(suffix)
    if stripped and stripped != normalised:
        candidates.append(stripped)
    return candidates


def as_int(value):
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _text(value):
    return " ".join(str(value).split()) if value is not None else ""


def as_date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def tidy_name(name):
    """A name written all in capitals (as the register often has it) in title case."""
    name = _text(name)
    if not name or name != name.upper() or not any(c.isalpha() for c in name):
        return name
    words = []
    for index, word in enumerate(name.split(" ")):
        bare = word.strip("()[].,")
        if bare in _ACRONYMS:
            words.append(word)
        elif index and bare.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            # Capitalise each part of "ex-offenders" and keep "women's" as it is.
            words.append(
                "-".join(part[:1].upper() + part[1:].lower() for part in word.lower().split("-"))
            )
    return " ".join(words)


def summarise(text, limit=SUMMARY_MAX_LENGTH):
    """The start of `text`, at most `limit` characters, cut at a sentence or word boundary."""
    text = _text(text)
    if len(text) <= limit:
        return text
    head = text[:limit]
    sentence_ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", head + " ")]
    if sentence_ends and sentence_ends[-1] >= limit // 3:
        return head[: sentence_ends[-1]].strip()
    cut = head[: limit - 1].rsplit(" ", 1)[0] if " " in head[: limit - 1] else head[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


def describe(text):
    """The activities as escaped plain text, one <p> per paragraph."""
    paragraphs = [_text(part) for part in re.split(r"\n\s*\n", str(text or ""))]
    return "".join(f"<p>{html.escape(part)}</p>" for part in paragraphs if part)


_url_validator = URLValidator(schemes=["http", "https"])
_email_validator = EmailValidator()
_WEBSITE_MAX_LENGTH = OrganisationPage._meta.get_field("website").max_length


def clean_website(value):
    """A valid http(s) address, with https:// added if it has no scheme; otherwise ""."""
    value = _text(value).replace(" ", "")
    if not value:
        return ""
    if not re.match(r"^https?://", value, re.IGNORECASE):
        if "://" in value:
            return ""
        value = "https://" + value.lstrip("/")
    value = re.sub(r"^https?://", lambda m: m.group(0).lower(), value, flags=re.IGNORECASE)
    if len(value) > _WEBSITE_MAX_LENGTH:
        return ""
    try:
        _url_validator(value)
    except ValidationError:
        return ""
    return value


def clean_email(value):
    value = _text(value)
    if not value:
        return ""
    try:
        _email_validator(value)
    except ValidationError:
        return ""
    return value


def clean_phone(value):
    value = _text(value)
    return value if len(value) <= 40 else ""


def clean_postcode(value):
    value = _text(value).upper()
    return value if len(value) <= 10 else ""


def income_band(value):
    try:
        income = float(value)
    except (TypeError, ValueError):
        return ""
    for upper_bound, band in INCOME_BANDS:
        if income <= upper_bound:
            return band.value
    return IncomeBand.OVER_10M.value


def address_lines(record):
    lines = [_text(record.get(f"charity_contact_address{n}")) for n in range(1, 6)]
    return [line for line in lines if line]


def map_record(record, number, areas, places):
    """The listing's imported fields from one charity record, as stored (regions as slugs)."""
    lines = address_lines(record)
    is_national, regions = places.coverage(areas, lines)
    activities = record.get("charity_activities") or ""
    summary = summarise(activities) or (
        f"A charity registered in England and Wales (number {number})."
    )
    return {
        "title": tidy_name(record.get("charity_name"))[:255],
        "summary": summary,
        "description": describe(activities),
        "website": clean_website(record.get("charity_contact_web")),
        "email": clean_email(record.get("charity_contact_email")),
        "phone": clean_phone(record.get("charity_contact_phone")),
        "address": "\n".join(lines),
        "postcode": clean_postcode(record.get("charity_contact_postcode")),
        "income_band": income_band(record.get("latest_income")),
        "is_national": is_national,
        "regions": regions,
    }


def is_removed(record):
    status = _text(record.get("charity_registration_status")).lower()
    return status == "removed" or bool(record.get("date_of_removal"))
