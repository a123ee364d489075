"""The command line as a user runs it: real processes, real files, a real SQLite store."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from quality import ROOT, SEEDS

SCHEMA = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))


def run(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "newsprism.cli", *args], input=stdin, capture_output=True,
                          env=full_env, cwd=ROOT, timeout=300)


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("analyze", "read", "ingest"):
        assert command in result.stdout.decode()


def test_read_json_gives_the_contract_records(gold):
    result = run("read", str(SEEDS), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    payload = json.loads(result.stdout)
    assert len(payload["articles"]) == 5 and payload["skipped"] == []
    article_schema = {**SCHEMA["$defs"]["article"], "$defs": SCHEMA["$defs"]}
    for record in payload["articles"]:
        jsonschema.validate(record, article_schema)
    by_name = {Path(r["source"]).name: r for r in payload["articles"]}
    for name, want in gold["articles"].items():
        for field in ("outlet", "title", "published", "url", "dateline", "wire"):
            assert by_name[name][field] == want[field], (name, field)


def test_analyze_json_validates_against_the_schema():
    result = run("analyze", str(SEEDS), "--format", "json", "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["schema"] == "newsprism.report/1"


def test_analyze_text_prints_outlets_and_titles():
    result = run("analyze", str(SEEDS))
    out = result.stdout.decode()
    assert result.returncode == 0
    for expected in ("National File", "NDTV", "The Moscow Times", "Mehr News Agency", "Peacekeepers"):
        assert expected in out


def test_stdin_is_a_source():
    text = "Council approves new bridge\n\nThe city council voted on Monday to approve the bridge.\n".encode()
    result = run("read", "-", "--format", "json", stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["articles"][0]["title"] == "Council approves new bridge"


def test_nothing_readable_exits_1_with_one_line_per_input(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run("read", str(tmp_path), "--format", "json")
    assert result.returncode == 1
    lines = [ln for ln in result.stderr.decode().splitlines() if ln.startswith("skipped:")]
    assert len(lines) == 2
    assert any("empty.txt" in ln and "empty" in ln for ln in lines)
    assert any("image.png" in ln and "binary" in ln for ln in lines)


def test_mixed_folder_reads_the_good_and_lists_the_bad(tmp_path):
    (tmp_path / "good.txt").write_text("Storm closes schools\n\nSchools closed on Friday as the storm hit.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run("read", str(tmp_path), "--format", "json")
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    assert [a["title"] for a in payload["articles"]] == ["Storm closes schools"]
    assert [Path(s["source"]).name for s in payload["skipped"]] == ["bad.txt"]
    assert result.stderr.decode().count("skipped:") == 1


def test_missing_file_and_usage_errors():
    assert run("read", "no/such/file.txt").returncode == 1
    assert run("read").returncode == 2
    assert run("analyze", str(SEEDS), "--format", "pdf").returncode == 2


def test_ingest_is_idempotent_and_reports_counts(tmp_path):
    db = tmp_path / "store.db"
    first = run("ingest", str(SEEDS), "--db", str(db))
    assert first.returncode == 0, first.stderr.decode()
    assert "5 added, 0 already present, 0 skipped" in first.stdout.decode()
    second = run("ingest", str(SEEDS), "--db", str(db))
    assert "0 added, 5 already present" in second.stdout.decode()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_ingest_uses_newsprism_db_from_the_environment(tmp_path):
    db = tmp_path / "env.db"
    result = run("ingest", str(SEEDS / "000_c157c4d7fdd705a7.txt"), env={"NEWSPRISM_DB": str(db)})
    assert result.returncode == 0, result.stderr.decode()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_failed_ingest_leaves_the_store_unchanged(tmp_path):
    db = tmp_path / "store.db"
    assert run("ingest", str(SEEDS / "000_c157c4d7fdd705a7.txt"), "--db", str(db)).returncode == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    result = run("ingest", str(bad), "--db", str(db))
    assert result.returncode == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_store_path_that_is_a_folder_is_a_clear_error(tmp_path):
    result = run("ingest", str(SEEDS / "000_c157c4d7fdd705a7.txt"), "--db", str(tmp_path))
    assert result.returncode == 1
    assert "error:" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


@pytest.mark.parametrize("encoding, text", [
    ("cp1251", "Президент подписал указ в понедельник. Депутаты одобрили его единогласно."),
    ("latin-1", "Le président a déclaré à la télévision que la réforme était nécessaire."),
])
def test_legacy_encodings_read_right(tmp_path, encoding, text):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    result = run("read", str(path), "--format", "json")
    assert json.loads(result.stdout)["articles"][0]["body"] == text


def test_missing_larger_model_is_a_usage_error():
    result = run("analyze", str(SEEDS / "000_c157c4d7fdd705a7.txt"), "--model", "md", "--quiet")
    if result.returncode == 0:
        pytest.skip("the md English model is installed here")
    assert result.returncode == 2
    assert "md English model is not installed" in result.stderr.decode()


def test_every_command_is_documented_in_the_readme():
    from newsprism.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"read", "analyze", "ingest", "events", "show", "check", "batch"} <= set(commands)
    for command in commands:
        assert f"`newsprism {command}" in readme, command


def test_analyze_writes_every_output_in_full_before_it_leaves(tmp_path):
    """The command leaves without tearing down its models once its output is written: what it printed,
    the report file and the HTML page are all there, whole."""
    report, page = tmp_path / "report.json", tmp_path / "page.html"
    result = run("analyze", str(SEEDS), "--format", "json", "-o", str(report), "--html", str(page))
    assert result.returncode == 0, result.stderr.decode()
    jsonschema.validate(json.loads(report.read_text(encoding="utf-8")), SCHEMA)
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert f"wrote {report}" in result.stderr.decode() and "wrote the HTML briefing" in result.stderr.decode()
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout a buffered pipe
    printed = subprocess.run([sys.executable, "-m", "newsprism.cli", "analyze", str(SEEDS), "--format", "md", "--quiet"],
                             capture_output=True, env=buffered, cwd=ROOT, timeout=300)
    lines = printed.stdout.decode().rstrip().splitlines()
    assert printed.returncode == 0 and len(lines) > 50
    assert lines[-1].startswith("| Mehr News Agency |")  # the articles table, the report's last lines


def test_a_folder_analysed_again_does_not_read_the_briefings_left_in_it(tmp_path):
    # The user keeps the briefings beside the articles: this run's own output file, and the JSON report,
    # HTML page, text and Markdown briefings of the last runs, are no articles.
    for seed in sorted(SEEDS.iterdir())[:2]:
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    first = run("analyze", str(tmp_path), "--format", "json", "-o", str(tmp_path / "report.json"),
                "--html", str(tmp_path / "page.html"))
    assert first.returncode == 0, first.stderr.decode()
    for fmt, name in (("text", "briefing.txt"), ("md", "briefing.md")):
        (tmp_path / name).write_bytes(run("analyze", str(tmp_path), "-q", "--format", fmt).stdout)
    again = run("analyze", str(tmp_path), "--format", "json", "-o", str(tmp_path / "again.json"))
    assert again.returncode == 0, again.stderr.decode()
    report = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert sorted(Path(a["source"]).name for a in report["articles"]) == sorted(p.name for p in sorted(SEEDS.iterdir())[:2])
    skipped = {Path(s["source"]).name: s["reason"] for s in report["skipped"]}
    assert skipped == {"report.json": "a report newsprism wrote, not articles",
                       "page.html": "a briefing newsprism wrote, not an article",
                       "briefing.txt": "a briefing newsprism wrote, not an article",
                       "briefing.md": "a briefing newsprism wrote, not an article"}
