"""Renderers of the briefing, one per format, picked from an explicit table."""

from __future__ import annotations

from collections.abc import Callable

from newsprism.brief import Briefing

__all__ = ["FORMATS", "render"]


def _text(briefing: Briefing, color: bool = False) -> str:
    from newsprism.render.text import render_text

    return render_text(briefing, color=color)


def _markdown(briefing: Briefing, color: bool = False) -> str:
    from newsprism.render.markdown import render_markdown

    return render_markdown(briefing)


def _json(briefing: Briefing, color: bool = False) -> str:
    from newsprism.render.json import render_json

    return render_json(briefing)


def _html(briefing: Briefing, color: bool = False) -> str:
    from newsprism.render.html import render_html

    return render_html(briefing)


#: Format name -> renderer(briefing, color) -> str.
FORMATS: dict[str, Callable[..., str]] = {"text": _text, "md": _markdown, "json": _json, "html": _html}


def render(briefing: Briefing, fmt: str, color: bool = False) -> str:
    return FORMATS[fmt](briefing, color=color)
