"""Which language an article is written in (py3langid: its model ships inside the package)."""

from __future__ import annotations

import re
from functools import cache

__all__ = ["ANALYSED_LANGUAGES", "detect_language"]

#: Languages the linguistic layer (the English spaCy model) can analyse.
ANALYSED_LANGUAGES = {"en"}
# Below this many letters a guess is noise; the article's language stays unknown.
_MIN_LETTERS = 20


# Words of English grammar that no other language written in Latin letters uses as words of its own
# ("in", "is", "was", "die", "a" are left out: Dutch, German, Italian, Spanish share them).
_ENGLISH_GRAMMAR = frozenset("""the of and to that for with which would were they their this from have has
been said by it its his her she he who what when there than these those our we you will not but or""".split())
_WORD = re.compile(r"[^\W\d_]+")
# Texts this long, with at least this share of their words English grammar words, are English
# (the seeds' and dev events' English articles: 22-33 %; French, German and Dutch news paragraphs with
# English names in them: 0-2.3 %, tests/test_language.py).
_ENGLISH_MIN_WORDS = 40
_ENGLISH_SHARE = 0.12


def _plainly_english(text: str) -> bool:
    words = _WORD.findall(text.lower())
    grammar = sum(w in _ENGLISH_GRAMMAR for w in words)
    return len(words) >= _ENGLISH_MIN_WORDS and grammar >= _ENGLISH_SHARE * len(words)


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or too mixed to tell."""
    if sum(c.isalpha() for c in text[:2000]) < _MIN_LETTERS:
        return None
    if _plainly_english(text[:5000]):
        return "en"  # most of what is read; py3langid's model (half a second to load) is for the rest
    language, probability = _identifier().classify(text[:5000])
    return language if probability >= 0.5 else None
