"""Rendering results for people and programs: text, Markdown, JSON (and, later, HTML)."""
