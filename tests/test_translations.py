"""The Welsh catalogue covers the whole interface: every string marked for translation in
the code and templates (what `make translations` would find) has a Welsh translation that
is neither empty nor fuzzy, and the compiled catalogue is up to date."""

import shutil

from django.core.management import call_command

import pytest

from tests.conftest import skip_unless_available
from tests.po_catalogue import BASE_DIR, WELSH_CATALOGUE, read_catalogue, untranslated

# The same folders `make translations` leaves out.
IGNORED = [
    ".venv",
    "frontend",
    "static",
    "staticfiles",
    "tests",
    "bench",
    "media",
    "node_modules",
]


# The folders whose files hold the interface's strings (everything `make translations` scans).
SOURCES = ["accounts", "config", "core", "directory", "forums", "home", "search", "templates"]


@pytest.fixture
def fresh_catalogue(tmp_path, settings, monkeypatch):
    """The Welsh catalogue after makemessages, run on a copy of the sources and the catalogue
    (makemessages writes to a `locale` folder above the files it scans, so the copy keeps the
    repository's catalogue untouched)."""
    skip_unless_available(
        WELSH_CATALOGUE.exists(), "no Welsh catalogue yet (locale/cy/LC_MESSAGES/django.po)"
    )
    for folder in SOURCES:
        shutil.copytree(
            BASE_DIR / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    locale = tmp_path / "locale"
    shutil.copytree(BASE_DIR / "locale", locale)
    settings.LOCALE_PATHS = [locale]
    monkeypatch.chdir(tmp_path)
    call_command(
        "makemessages",
        locale=["cy"],
        ignore_patterns=IGNORED,
        no_obsolete=True,
        verbosity=0,
    )
    return locale / "cy" / "LC_MESSAGES" / "django.po"


def test_every_string_in_the_interface_has_a_welsh_translation(fresh_catalogue):
    entries = read_catalogue(fresh_catalogue)
    missing = untranslated(entries)

    assert len(entries) > 500
    assert not missing, (
        f"{len(missing)} string(s) have no Welsh translation (run `make translations`, then "
        "translate them in locale/cy/LC_MESSAGES/django.po):\n"
        + "\n".join(f"  {entry.msgid!r}" for entry in missing)
    )


def test_the_catalogue_in_the_repository_has_no_untranslated_entry():
    skip_unless_available(WELSH_CATALOGUE.exists(), "no Welsh catalogue yet")

    missing = untranslated(read_catalogue(WELSH_CATALOGUE))

    assert not missing, "\n".join(f"  {entry.msgid!r}" for entry in missing)


def test_the_compiled_catalogue_is_up_to_date():
    """`make messages` (part of `make run` and `make test`) compiles it."""
    skip_unless_available(WELSH_CATALOGUE.exists(), "no Welsh catalogue yet")
    compiled = WELSH_CATALOGUE.with_suffix(".mo")

    assert compiled.exists(), "run `make messages`"
    assert compiled.stat().st_mtime >= WELSH_CATALOGUE.stat().st_mtime, "run `make messages`"
