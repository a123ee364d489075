"""`newsprism serve`: the web app and JSON API over the store (FastAPI, Jinja2, uvicorn)."""

from __future__ import annotations

__all__ = ["ServeConfig", "create_app"]


def __getattr__(name: str):
    if name in __all__:
        from newsprism.web import app

        return getattr(app, name)
    raise AttributeError(name)
