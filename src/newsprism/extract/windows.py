"""Pieces of a long article body, so the parser never sees more than it can hold.

spaCy refuses a text over `nlp.max_length` (1,000,000 characters) and its
memory grows with the length of the doc, so a long body is parsed in windows:
each a run of whole paragraphs, a paragraph longer than a window is cut after
a sentence end, a run-on "sentence" at a space, and text without spaces at the
window size. Windows are (start, end) character spans that cover the body
exactly, in order, so every offset found inside a window maps back to the body
by adding its start. A stretch without whitespace longer than a word can be is
cut into pieces of its own (see RUN_CHARS).
"""

from __future__ import annotations

import re

__all__ = ["MAX_ARTICLE_CHARS", "RUN_CHARS", "WINDOW_CHARS", "windows"]

# A window is parsed as one spaCy doc. 100,000 characters (about 17,000 words,
# a long magazine feature) keeps every article of the dev corpora (the longest
# is 9,000 characters) in one piece, so their analysis is the same as a whole
# parse, and keeps a doc's memory near 150 MB at most.
WINDOW_CHARS = 100_000
# Beyond this an article is skipped with a reason, not analysed. Measured on 2 cores shared with
# other work: a 200,000-word article (1,220,005 characters) took 583 CPU seconds (extraction 139,
# alignment of its 23,604 claims 436) at 1,147 MB peak, too long for one command; 500,000
# characters (about 85,000 words, a short book) stays within a few minutes (README: Resource limits).
MAX_ARTICLE_CHARS = 500_000

# spaCy's tokenizer splits prefixes and suffixes off a whitespace-free stretch one at a time,
# rescanning the rest each time: quadratic in the stretch's length (5,000 quotation marks in a
# row take seconds, 35,000 punctuation marks minutes). No word is this long; a longer run (a
# URL, a hash, a line of marks) is parsed in pieces of this length.
RUN_CHARS = 300

_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def windows(text: str, size: int = WINDOW_CHARS, run: int = RUN_CHARS) -> list[tuple[int, int]]:
    """(start, end) spans covering `text` in order, each at most `size` characters, none holding
    more than `run` characters without whitespace."""
    spans = _paragraph_windows(text, size)
    if run < 1:
        raise ValueError("run length must be positive")
    long_run = re.compile(rf"\S{{{run + 1},}}")
    if not long_run.search(text):
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        pos = start
        for match in long_run.finditer(text, start, end):
            if match.start() > pos:
                out.append((pos, match.start()))
            out += [(k, min(k + run, match.end())) for k in range(match.start(), match.end(), run)]
            pos = match.end()
        if pos < end:
            out.append((pos, end))
    return out


def _paragraph_windows(text: str, size: int) -> list[tuple[int, int]]:
    if size < 1:
        raise ValueError("window size must be positive")
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        if n - start <= size:
            spans.append((start, n))
            break
        end = _cut(text, start, start + size)
        spans.append((start, end))
        start = end
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    """The best place to end a window that starts at `start` and may reach `limit`."""
    half = start + (limit - start) // 2
    for pattern in (_PARAGRAPH, _SENTENCE_END, _SPACE):
        last = None
        for match in pattern.finditer(text, half, limit):
            last = match
        if last is not None:
            return last.end()  # the separator stays with the window before it
    return limit
