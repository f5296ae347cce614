"""Every student-facing message has a Traditional Chinese and an English translation that formats like the original."""

import ast
import gettext
import io
import re
import string
import sys

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from catalogs import LANGUAGES, catalog_path, catalogue_domains, domain_sources  # noqa: E402

DOMAINS = domain_sources()
CATALOGS = [(domain, language) for domain in sorted(DOMAINS) for language in LANGUAGES]

# A string literal passed straight to `_` or `N_`, as the extractor should find it.
LITERAL_CALL = re.compile(r"""\bN?_\(\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*\)""")


def extracted_ids(domain: str) -> set[str]:
    ids = set()
    for path in DOMAINS[domain]:
        for _lineno, message, _comments, _context in extract_from_file("python", path, keywords={"_": None, "N_": None}):
            if message:
                ids.add(message)
    return ids


def read_catalog(domain: str, language: str):
    path = catalog_path(language, domain)
    assert path.exists(), f"{path} is missing: run `make catalogs`"
    with open(path, "rb") as stream:
        return read_po(stream)


def placeholders(text: str) -> set[str]:
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(text) if field is not None}


def test_domains_cover_every_catalogue_module():
    assert set(catalogue_domains()) <= set(DOMAINS)
    assert "autograder" in DOMAINS
    assert set(LANGUAGES) == {"zh_TW", "en"}


def test_extraction_finds_known_message():
    assert "Score: {score:g} / {max_score:g}." in extracted_ids("autograder")


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_extraction_sees_every_literal_call(domain):
    """A call inside an f-string expression is invisible to the extractor, so its message would stay untranslated."""
    extracted = extracted_ids(domain)
    for path in DOMAINS[domain]:
        for literal in LITERAL_CALL.findall(path.read_text(encoding="utf-8")):
            message = ast.literal_eval(literal)
            assert message in extracted, f"{path.name}: _({literal}) is not extracted; move the call out of the f-string"


@pytest.mark.parametrize("domain, language", CATALOGS)
def test_every_message_translated(domain, language):
    catalog = read_catalog(domain, language)
    translated = {message.id for message in catalog if message.id and message.string and message.string.strip()}
    missing = sorted(extracted_ids(domain) - translated)
    assert missing == [], f"run `make catalogs` and fill these msgstr entries in {language}/{domain}.po"


@pytest.mark.parametrize("domain, language", CATALOGS)
def test_translations_keep_placeholders(domain, language):
    for message in read_catalog(domain, language):
        if message.id and message.string:
            assert placeholders(message.string) == placeholders(message.id), message.id


@pytest.mark.parametrize("domain, language", CATALOGS)
def test_compiled_catalog_up_to_date(domain, language):
    """The committed .mo contains exactly what compiling the .po gives."""
    expected = io.BytesIO()
    write_mo(expected, read_catalog(domain, language), use_fuzzy=False)
    expected.seek(0)
    path = catalog_path(language, domain, ".mo")
    assert path.exists(), f"{path} is missing: run `make catalogs`"
    with open(path, "rb") as stream:
        committed = read_mo(stream)
    want = {message.id: message.string for message in read_mo(expected) if message.id}
    have = {message.id: message.string for message in committed if message.id}
    assert have == want, "run `make catalogs`: the .mo file is stale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_gettext_loads_compiled_catalog(language):
    with open(catalog_path(language, "autograder", ".mo"), "rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    expected = {"zh_TW": "分數:{score:g} / {max_score:g}。", "en": "Score: {score:g} / {max_score:g}."}[language]
    assert compiled.gettext("Score: {score:g} / {max_score:g}.") == expected
