"""Every student-facing message has a Traditional Chinese translation that formats like the original."""

import gettext
import string
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from catalogs import LOCALE, domain_sources  # noqa: E402

DOMAINS = domain_sources()


def extracted_ids(domain: str) -> set[str]:
    ids = set()
    for path in DOMAINS[domain]:
        for _lineno, _funcname, message, _comments in extract_from_file("python", path, keywords={"_": None, "N_": None}):
            if message:
                ids.add(message)
    return ids


def placeholders(text: str) -> set[str]:
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_every_message_translated(domain):
    with open(LOCALE / "zh_TW" / "LC_MESSAGES" / f"{domain}.po", "rb") as stream:
        catalog = read_po(stream)
    translated = {message.id: message.string for message in catalog if message.id and message.string}
    missing = sorted(extracted_ids(domain) - set(translated))
    assert missing == [], "run `make catalogs` and fill these msgstr entries"


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_translations_keep_placeholders(domain):
    with open(LOCALE / "zh_TW" / "LC_MESSAGES" / f"{domain}.po", "rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id and message.string:
            assert placeholders(message.string) == placeholders(message.id), message.id


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_compiled_catalog_up_to_date(domain):
    with open(LOCALE / "zh_TW" / "LC_MESSAGES" / f"{domain}.po", "rb") as stream:
        catalog = read_po(stream)
    with open(LOCALE / "zh_TW" / "LC_MESSAGES" / f"{domain}.mo", "rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    for message in catalog:
        if message.id and message.string:
            assert compiled.gettext(message.id) == message.string, "run `make catalogs`: the .mo file is stale"
