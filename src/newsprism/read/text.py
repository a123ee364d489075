"""Plain-text articles: decoding and line normalisation.

The text keeps its line and blank-line structure, because cleaning needs it to
tell a headline (a short line standing alone) from a lede. What this reader
does is undo the encodings of structure that plain text picks up on its way to
us: Windows line ends, form feeds, and whole articles pasted as one long line
whose paragraphs are marked only by a no-break space next to a space.
"""

from __future__ import annotations

import re

from newsprism.errors import ReadError
from newsprism.model import SECTIONS, RawDocument, Skipped
from newsprism.read.decode import decode_text

__all__ = ["read", "normalise_lines"]

# A line this long is a whole article pasted as one line; shorter lines with a
# no-break space next to a space are ordinary typing ("end.\u00a0 Next").
_LONG_LINE = 1500
_NBSP_BREAK = re.compile(r"[ \t]*\u00a0[ \t]+|[ \t]+\u00a0[ \t]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A briefing newsprism printed (its text or Markdown), saved beside the articles it read.
_BRIEFING_HEADING = re.compile(r"^(?:#{2} |─{3,} )(?:" + "|".join(map(re.escape, SECTIONS)) + r")(?: ─{3,})?$", re.M)
_BRIEFING_HEADINGS = 3


def normalise_lines(text: str) -> str:
    """Unix line ends, no control characters, NBSP-separated long lines split."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    lines = []
    for line in text.split("\n"):
        if len(line) > _LONG_LINE and len(_NBSP_BREAK.findall(line)) >= 2:
            lines.append("\n\n".join(part.strip() for part in _NBSP_BREAK.split(line)))
        else:
            lines.append(line)
    return "\n".join(lines)


def read(data: bytes, source: str) -> list[RawDocument | Skipped]:
    """One plain-text article; its header (title, date, URL) is found by cleaning."""
    text = normalise_lines(decode_text(data))
    if len(_BRIEFING_HEADING.findall(text)) >= _BRIEFING_HEADINGS:
        raise ReadError("a briefing newsprism wrote, not an article")
    return [RawDocument(source=source, text=text, has_header=True)]
