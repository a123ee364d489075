"""Which language an article is written in (py3langid: its model ships inside the package)."""

from __future__ import annotations

from functools import cache

__all__ = ["ANALYSED_LANGUAGES", "detect_language"]

#: Languages the linguistic layer (the English spaCy model) can analyse.
ANALYSED_LANGUAGES = {"en"}
# Below this many letters a guess is noise; the article's language stays unknown.
_MIN_LETTERS = 20


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or too mixed to tell."""
    if sum(c.isalpha() for c in text[:2000]) < _MIN_LETTERS:
        return None
    language, probability = _identifier().classify(text[:5000])
    return language if probability >= 0.5 else None
