"""Translation layer for every student- and instructor-facing message.

Messages are written in English as gettext message ids and translated in
``locale/<lang>/LC_MESSAGES/<domain>.mo``.  Traditional Chinese (``zh_TW``) is
the default.  ``en`` has catalogs too, so an English wording can differ from
its message id; a message missing from a catalog shows its id.  The language
is read at each call, so one process can render feedback in both languages.
"""

from __future__ import annotations

import gettext
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

LOCALE_DIR = Path(__file__).with_name("locale")
SUPPORTED_LANGUAGES = ("zh_TW", "en")
DEFAULT_LANGUAGE = "zh_TW"
LANGUAGE_ENV = "MATCALC_LANG"

_current_language: str | None = None


def normalize_language(value: str) -> str:
    """Map spellings such as ``zh-TW``, ``zh_tw`` or ``EN`` to a supported code."""
    key = value.strip().replace("-", "_").lower()
    for code in SUPPORTED_LANGUAGES:
        if key == code.lower() or key == code.split("_")[0].lower():
            return code
    raise ValueError(
        f"unsupported language {value!r}; use one of {', '.join(SUPPORTED_LANGUAGES)}"
    )


def get_language() -> str:
    """Return the active language: the one set in code, else $MATCALC_LANG, else zh_TW."""
    if _current_language is not None:
        return _current_language
    from_env = os.environ.get(LANGUAGE_ENV)
    return normalize_language(from_env) if from_env else DEFAULT_LANGUAGE


def set_language(value: str | None) -> None:
    """Set the language of later messages; ``None`` returns to the environment's choice."""
    global _current_language
    _current_language = None if value is None else normalize_language(value)


@contextmanager
def language(value: str) -> Iterator[None]:
    """Render messages in `value` inside the block."""
    previous = _current_language
    set_language(value)
    try:
        yield
    finally:
        set_language(previous)


@lru_cache(maxsize=None)
def _catalog(domain: str, lang: str) -> gettext.NullTranslations:
    # fallback=True: a domain without a .mo file for `lang`, or a message
    # missing from it, shows the English message id.
    return gettext.translation(domain, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def translator(domain: str) -> Callable[[str], str]:
    """Return a ``_`` function that translates message ids of `domain` into the active language."""

    def _(message: str) -> str:
        return _catalog(domain, get_language()).gettext(message)

    return _


def join_sentences(*sentences: str) -> str:
    """Join translated sentences: with spaces in English, directly after CJK full stops."""
    separator = "" if get_language() == "zh_TW" else " "
    return separator.join(sentence for sentence in sentences if sentence)


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it yet."""
    return message


def reload_catalogs() -> None:
    """Forget loaded catalogs, after the .mo files changed on disk."""
    _catalog.cache_clear()
