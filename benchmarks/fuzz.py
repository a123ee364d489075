"""Fuzzing every reader, the cleaner and each analysis stage with hostile articles.

Not part of the test suite (it runs for as long as it is told to). Hypothesis
generates articles, and mutates the seed articles, with what real inputs throw
at a news pipeline: unbalanced and nested quotation marks of every kind, run-on
sentences of 50,000 words, 10,000 quotations, only punctuation, control
characters and NUL bytes, bidirectional overrides and zero-width characters
inside names, mixed scripts, emoji, numbers of 400 digits, dates in year 0 and
9999, titles of 10,000 characters. Each target gets a share of the time budget;
an exception that escapes a target (or an article a stage silently leaves out)
is a crash, recorded once per (target, exception, place) with its shrunk input.

    nice -n 10 .venv/bin/python benchmarks/fuzz.py --minutes 25 --out benchmarks/fuzz-results

Writes `summary.json` (inputs tried per target, crashes) and `crashes.jsonl`.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
import traceback
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"

QUOTES = "\"'“”„‟«»‹›‘’‚‛「」『』〝〞＂"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
CONTROL = "".join(chr(c) for c in range(0, 32)) + "\x7f\x85\u2028\u2029"
SCRIPTS = ["Владимир Путин", "Зеленський", "فلاديمير بوتين", "弗拉基米尔·普京", "व्लादिमीर पुतिन", "Βλαντιμίρ",
           "בנימין נתניהו", "김정은", "Ṱ̴̢h̷e̶ ̷z̵a̸l̶g̵o̵", "🇺🇦🇷🇺💥🔥👍🏽", "ﷺ", "𝔓𝔲𝔱𝔦𝔫"]
NAMES = ["Vladimir Putin", "Volodymyr Zelensky", "Joe Biden", "Dmitry Peskov", "the Kremlin", "Donetsk", "NATO"]
DATES = ["0000-01-01", "0001-01-01", "9999-12-31", "20230230", "2023-02-29", "1 January 0", "December 31, 9999",
         "in 0", "in 9999", "3000 years ago", "999999999 days ago", "99999999999999999999 years ago",
         "on Monday", "Feb 30, 2022", "31 April 2022", "12/31/9999", "the year 10000"]
SENTENCES = [
    "Russian President Vladimir Putin said on Monday that 150,000 troops would stay.",
    "“We will never give up,” Zelensky said, “never.”",
    "At least 12 soldiers were killed and 5 m high walls fell, officials said.",
    "The Kremlin denied the report, according to TASS.",
    "Copyright infringement claims rose sharply last year.",
    "A city built 3000 years ago was shelled on 21 February 2022.",
]


def _hostile_piece() -> st.SearchStrategy[str]:
    number = st.integers(1, 400).map(lambda n: "9" * n) | st.integers(-10**12, 10**12).map(str)
    name = st.tuples(st.sampled_from(NAMES + SCRIPTS), st.text(st.sampled_from(BIDI + ZERO_WIDTH), max_size=4),
                     st.integers(0, 8)).map(lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:])
    quoted = st.recursive(
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
        lambda inner: st.tuples(st.sampled_from(QUOTES), inner, st.sampled_from(QUOTES + " "))
        .map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
        max_leaves=8)
    return st.one_of(
        st.sampled_from(SENTENCES), st.sampled_from(DATES), number, name, quoted,
        st.text(st.sampled_from(QUOTES), min_size=1, max_size=50),
        st.text(st.sampled_from(".,;:!?…-—–()[]{}*#@%&/\\|~^`"), min_size=1, max_size=80),
        st.text(st.sampled_from(CONTROL + BIDI + ZERO_WIDTH), min_size=1, max_size=20),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=120),
        st.builds(lambda n, d: f"{n} {d}", number, st.sampled_from(["troops", "m high", "$m", "m", "km", "%"])),
        st.sampled_from(["\n\n", "\n", " ", "\u00a0", "\t", "\r\n"]),
    )


def articles() -> st.SearchStrategy[str]:
    """A generated body, or a seed body with hostile pieces spliced in and stretches cut out."""
    generated = st.lists(_hostile_piece(), min_size=1, max_size=40).map(" ".join)

    @st.composite
    def mutated(draw):
        body = list(draw(st.sampled_from(_seed_bodies())))
        for _ in range(draw(st.integers(1, 12))):
            at = draw(st.integers(0, len(body)))
            action = draw(st.sampled_from(["insert", "insert", "delete", "duplicate"]))
            if action == "insert":
                body[at:at] = list(draw(_hostile_piece()))
            elif action == "delete":
                del body[at:at + draw(st.integers(1, 300))]
            else:
                body[at:at] = body[at:at + draw(st.integers(1, 300))]
        return "".join(body)

    return st.one_of(generated, mutated())


#: Inputs too large to generate at random, each tried once per target.
MONSTERS = {
    "run-on sentence of 50,000 words": " ".join(["troops"] * 25_000 + ["Putin"] * 25_000),
    "10,000 quotations": " ".join(f"“quote {i},” he said." for i in range(10_000)),
    "10,000 unbalanced quotation marks": "“" * 5000 + "Putin said" + "”" * 3000 + "\"" * 2000,
    "only punctuation": ".,;:!?—()\"'“”«»…" * 2000,
    "control characters and NUL": "Putin\x00 said\x01\x02 150\x00000 troops\x1b[31m.\x0c\x0b" * 500,
    "bidi and zero-width names": ("Vladi\u202emir Pu\u200btin said 5\u200d0 troops entered Done\u2067tsk. ") * 300,
    "400-digit numbers": ("9" * 400 + " troops and " + "1" * 400 + ".5 m high walls. ") * 50,
    "dates in year 0 and 9999": "On 0000-01-01 and 9999-12-31, December 31, 9999, in 9999 and 3000 years ago. " * 100,
    "mixed scripts and emoji": " ".join(SCRIPTS * 200),
}
LONG_TITLE = "Putin " * 1700  # a title of 10,000 characters


def _seed_bodies() -> tuple[str, ...]:
    global _SEED_BODIES
    if _SEED_BODIES is None:
        from newsprism.pipeline import read_articles

        _SEED_BODIES = tuple(a.body for a in read_articles([str(SEEDS)]).articles)
    return _SEED_BODIES


_SEED_BODIES = None


# --- targets: each takes one body (and a title) and raises only on a crash ---------------

def _wrap(body: str, title: str) -> dict[str, bytes]:
    from xml.sax.saxutils import escape

    record = {"title": title, "text": body, "date": "2022-02-22", "url": "https://example.org/a", "outlet": "X"}
    html = f"<html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>" + "".join(
        f"<p>{escape(p)}</p>" for p in body.split("\n\n")) + "</article></body></html>"
    feed = (f"<?xml version='1.0'?><rss><channel><item><title>{escape(title)}</title>"
            f"<description>{escape(body)}</description><pubDate>Mon, 21 Feb 2022 10:00:00 GMT</pubDate>"
            f"</item></channel></rss>")
    buf = io.StringIO()
    import csv

    csv.writer(buf).writerows([["title", "body", "date"], [title, body, "20230230"]])
    return {
        "text": f"{title}\n20230230\nhttps://example.org/a\n\n{body}".encode("utf-8", "surrogatepass"),
        "html": html.encode("utf-8", "surrogatepass"),
        "json": json.dumps(record).encode(),
        "jsonl": (json.dumps(record) + "\n" + json.dumps({**record, "date": "0000-00-00"})).encode(),
        "csv": buf.getvalue().encode("utf-8", "surrogatepass"),
        "feed": feed.encode("utf-8", "surrogatepass"),
        "warc": _warc(html),
    }


def _warc(html: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/a", "response",
                                                  payload=io.BytesIO(html.encode("utf-8", "surrogatepass")),
                                                  http_headers=headers))
    return buffer.getvalue()


def target_readers(body: str, title: str) -> None:
    from newsprism.errors import ReadError
    from newsprism.read import read_bytes

    for fmt, data in _wrap(body, title).items():
        for hint in (fmt, None):
            try:
                read_bytes(data, f"fuzz.{fmt}", hint)
            except ReadError:
                pass


def target_cleaner(body: str, title: str) -> None:
    from newsprism.clean import clean
    from newsprism.model import RawDocument

    clean(RawDocument("fuzz.txt", f"{title}\n20230230\n\n{body}", has_header=True))
    clean(RawDocument("fuzz.txt", body, title=title, published="2023-02-29", url="https://x.indiatimes.com/a"))


def _article(body: str, title: str = "Fuzz"):
    from newsprism.clean import clean
    from newsprism.model import RawDocument

    return clean(RawDocument("fuzz.txt", body, title=title, published="2022-02-22"))


def target_extract(body: str, title: str) -> None:
    from newsprism.extract.event import extract
    from newsprism.extract.nlp import load_nlp

    article = _article(body, title)
    if not article.body:
        return
    for window in (None, 997):
        extraction = extract([article], load_nlp(), **({"window": window} if window else {}))
        if extraction.skipped:
            raise AssertionError(f"extract left the article out: {extraction.skipped[0].reason}")
        for record in (*extraction.sentences, *extraction.claims, *extraction.quotes, *extraction.quantities,
                       *extraction.times):
            if article.body[record.start:record.end] != record.text:
                raise AssertionError(f"offsets do not match the text: {type(record).__name__}")


def target_dedupe(body: str, title: str) -> None:
    from newsprism.dedupe import independence
    from newsprism.pipeline import read_articles

    seeds = list(read_articles([str(SEEDS)]).articles)
    article = _article(body, title)
    if article.body:
        independence([article, replace(article, id="copy" + article.id[4:], outlet="Other"), *seeds[:2]])


def target_event(body: str, title: str) -> None:
    """dedupe, align, conflicts, frame, brief and every renderer over the fuzzed article beside two
    seeds, called directly (not through the pipeline's guards, which would turn a crash into a skip)."""
    from newsprism.brief import brief
    from newsprism.embed import load_embedder
    from newsprism.extract.event import extract
    from newsprism.extract.nlp import load_nlp
    from newsprism.pipeline import Analysis, _event_stages, read_articles
    from newsprism.render import render

    seeds = list(read_articles([str(SEEDS)]).articles)[:2]
    article = _article(body, title)
    if not article.body:
        return
    readable = [article, *seeds]
    extraction = extract(readable, load_nlp())
    if extraction.skipped:
        raise AssertionError(f"extract left the article out: {extraction.skipped[0].reason}")
    articles, groups, alignment, conflicts, framing = _event_stages(readable, extraction, load_embedder())
    report = brief(Analysis(articles, (), extraction, groups, alignment, conflicts, framing, ()))
    for fmt in ("json", "text", "md", "html"):
        render(report, fmt)


TARGETS = {
    "readers": (target_readers, 1.0),
    "cleaner": (target_cleaner, 1.0),
    "extract": (target_extract, 2.0),
    "dedupe": (target_dedupe, 0.5),
    "event (align, conflicts, frame, brief)": (target_event, 3.0),
}


def _place(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/newsprism/" in f.filename]
    last = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{Path(last.filename).name}:{last.lineno} in {last.name}"


def run(minutes: float, out: Path, monsters: bool = True) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    crashes: dict[tuple[str, str, str], dict] = {}
    tried: dict[str, int] = {name: 0 for name in TARGETS}
    total_weight = sum(w for _, w in TARGETS.values())
    started = time.monotonic()
    for name, (target, weight) in TARGETS.items():
        if not monsters:
            break
        for label, body in MONSTERS.items():
            if name.startswith("event"):
                body = body[:len(body) // 10]  # a tenth: every claim is embedded, and the point is the shape
            started_monster = time.monotonic()
            _attempt(name, target, body, "Fuzz", label, tried, crashes)
            print(f"{name}: {label}: {time.monotonic() - started_monster:.0f} s", flush=True)
        _attempt(name, target, SENTENCES[0], LONG_TITLE, "title of 10,000 characters", tried, crashes)
    for name, (target, weight) in TARGETS.items():
        budget = minutes * 60 * weight / total_weight
        deadline = time.monotonic() + budget

        fuzz = _fuzzer(name, target, tried, crashes)
        while time.monotonic() < deadline:
            try:
                fuzz()
            except Exception as exc:  # a new crash, shrunk by Hypothesis
                key = (name, type(exc).__name__, _place(exc))
                if key not in crashes:
                    crashes[key] = {"target": name, "error": f"{type(exc).__name__}: {str(exc)[:300]}",
                                    "place": key[2], "input": _last_input(exc)}
                    print(f"crash: {name}: {crashes[key]['error']} at {key[2]}", file=sys.stderr, flush=True)
        print(f"{name}: {tried[name]} inputs, {sum(1 for k in crashes if k[0] == name)} crashes", flush=True)
    summary = {"minutes": round((time.monotonic() - started) / 60, 1), "inputs": tried, "monsters": list(MONSTERS),
               "total_inputs": sum(tried.values()), "crashes": list(crashes.values())}
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    with (out / "crashes.jsonl").open("w", encoding="utf-8") as fh:
        for crash in crashes.values():
            fh.write(json.dumps(crash, ensure_ascii=False) + "\n")
    return summary


def _fuzzer(name, target, tried, crashes):
    """One Hypothesis run of `target` (50 examples); known crashes pass, a new one is shrunk and raised."""
    @settings(max_examples=50, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
    @given(body=articles(), title=st.one_of(st.just("Fuzz"), _hostile_piece()))
    def fuzz(body, title):
        tried[name] += 1
        try:
            target(body, title)
        except Exception as exc:
            if (name, type(exc).__name__, _place(exc)) in crashes:
                return  # known: do not shrink it again
            raise

    return fuzz


def _attempt(name, target, body, title, label, tried, crashes) -> None:
    tried[name] += 1
    try:
        target(body, title)
    except Exception as exc:  # noqa: BLE001
        key = (name, type(exc).__name__, _place(exc))
        crashes.setdefault(key, {"target": name, "error": f"{type(exc).__name__}: {str(exc)[:300]}",
                                 "place": key[2], "input": label})
        print(f"crash: {name}: {label}: {crashes[key]['error']} at {key[2]}", file=sys.stderr, flush=True)


def _last_input(exc: BaseException) -> str:
    """The shrunk example Hypothesis reports in the exception's notes."""
    notes = getattr(exc, "__notes__", None) or []
    return "\n".join(notes)[:2000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "fuzz-results")
    parser.add_argument("--no-monsters", action="store_true", help="skip the fixed giant inputs")
    args = parser.parse_args()
    summary = run(args.minutes, args.out, monsters=not args.no_monsters)
    print(json.dumps({k: summary[k] for k in ("minutes", "inputs", "total_inputs")}, indent=2))
    print(f"{len(summary['crashes'])} distinct crashes; see {args.out / 'crashes.jsonl'}")


if __name__ == "__main__":
    main()
