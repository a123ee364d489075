"""Event clustering: B-cubed precision/recall/F1 on a labelled set, and ingest+cluster throughput.

    .venv/bin/python benchmarks/cluster_eval.py [--sizes 1000 10000] [--set dated|undated]

The labelled set is generated from templates over many invented events that overlap the way news does:
the same cities, people and companies turn up in different events (a storm and an election in one city,
one minister in a strike and a budget), and events of one kind recur in different places and weeks.
`--set undated` is the stream that looks like real politics: short undated leads of many stories that
share their politicians and places, with wire copies (tests/data/shared_actor_stories.py, about five
articles a story). Articles go through the real store (`SqliteStore.ingest` with the clusterer, in batches of 200 like
successive ingests). Throughput is articles per second for ingest+cluster; peak memory is the process's
maximum resident set size, with the models loaded.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.clean import clean  # noqa: E402
from newsprism.model import RawDocument  # noqa: E402
from newsprism.pipeline import event_clusterer  # noqa: E402
from newsprism.store import SqliteStore  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "data"))
from shared_actor_stories import shared_actor_stories  # noqa: E402

CITIES = ["Arnhold", "Bellmoor", "Cassel Bay", "Dunmore", "Eastwick", "Fairhaven", "Glenrock", "Harlow",
          "Ivybridge", "Juniper Falls", "Kestrel", "Lindqvist", "Marlow", "Northgate", "Oakridge", "Portsea",
          "Queensbury", "Ravenna Hills", "Stonehaven", "Thornbury"]
PEOPLE = ["Maria Keller", "Jonas Feld", "Amara Osei", "Viktor Hale", "Lena Marsh", "Tomas Berg", "Nadia Roux",
          "Ethan Cole", "Sofia Lind", "Rafael Ortiz", "Hannah Weiss", "Omar Haddad"]
COMPANIES = ["Lumetra", "Norcast", "Veridian Foods", "Altus Rail", "Brightwave", "Corvel Bank"]
KINDS = {
    "storm": ("Storm {name} hits {city}", [
        "Storm {name} brought winds of up to {n} km/h to {city} on {day}.",
        "About {m},000 homes in {city} lost power as Storm {name} swept through.",
        "Emergency services in {city} rescued people trapped by flooding overnight.",
        "Mayor {person} said the damage from Storm {name} would take weeks to repair.",
        "Schools and ferries in {city} were closed as the storm passed.",
        "Forecasters said Storm {name} would weaken as it moved inland."]),
    "election": ("{person} wins mayoral race in {city}", [
        "{person} won the mayoral election in {city} on {day} with {n} percent of the vote.",
        "Turnout in the {city} election reached {m} percent.",
        "{person} promised to cut rents and expand bus services in {city}.",
        "The defeated incumbent in {city} conceded late on election night.",
        "Coalition talks on the {city} council are expected to start next week.",
        "Observers said housing costs had decided the {city} vote."]),
    "strike": ("Workers at {company} strike in {city}", [
        "Workers at {company}'s {city} site walked out on {day} in a dispute over pay.",
        "The union wants a {n} percent raise for {m},000 staff at {company}.",
        "{company} said the strike in {city} would disrupt deliveries this week.",
        "Labour minister {person} urged {company} and the union to resume talks.",
        "Pickets gathered outside the {company} gates in {city} before dawn.",
        "The union said the {company} strike could be extended if talks fail."]),
    "factory": ("{company} to open plant in {city}", [
        "{company} will build a new plant in {city}, the company announced on {day}.",
        "The {company} factory in {city} is expected to create {m},000 jobs.",
        "Investment in the {city} plant will reach {n} million euros.",
        "Economy minister {person} welcomed {company}'s decision to invest in {city}.",
        "Construction of the {company} plant in {city} starts next spring.",
        "Environmental groups questioned the water use of the planned {company} site in {city}."]),
    "match": ("{city} beat rivals in cup semi-final", [
        "{city} won the cup semi-final {n}-1 on {day} in front of {m},000 fans.",
        "Striker {person} scored twice as {city} reached the final.",
        "The {city} coach praised his side's defending in the semi-final.",
        "Fans in {city} celebrated the semi-final win late into the night.",
        "{city} will meet the holders in the final next month.",
        "The defeated side complained about a penalty given to {city}."]),
    "fire": ("Fire destroys warehouse in {city}", [
        "A fire destroyed a warehouse in the {city} docks on {day}.",
        "More than {n} firefighters fought the blaze in {city} for six hours.",
        "Residents near the {city} docks were told to keep windows closed because of smoke.",
        "Fire chief {person} said the cause of the {city} fire was not yet known.",
        "The warehouse in {city} stored furniture and paper goods, the owner said.",
        "Nobody was hurt in the {city} warehouse fire, officials said."]),
}
STORM_NAMES = ["Aldo", "Bea", "Cato", "Dara", "Ezra", "Fenna", "Gil", "Hana", "Ivo", "Jade", "Kit", "Lior"]


def labelled_articles(count: int, seed: int = 3, days: int = 360) -> list[tuple[str, RawDocument]]:
    """(event label, raw document) pairs: about 8 articles an event, the events' days spread over `days`
    (fewer days: a denser stream, more events of one kind at once)."""
    rng = random.Random(seed)
    start = date(2025, 1, 6)
    events = []
    for e in range(max(1, count // 8)):
        kind = rng.choice(list(KINDS))
        slots = {"city": rng.choice(CITIES), "person": rng.choice(PEOPLE), "company": rng.choice(COMPANIES),
                 "name": rng.choice(STORM_NAMES), "n": rng.randint(2, 150), "m": rng.randint(2, 90)}
        day = start + timedelta(days=rng.randint(0, days))
        slots["day"] = day.strftime("%A")
        events.append((f"{kind}-{e}", kind, slots, day))
    out = []
    for i in range(count):
        label, kind, slots, day = events[i % len(events)]
        title, sentences = KINDS[kind]
        chosen = rng.sample(sentences, k=rng.randint(3, 5))
        published = day + timedelta(days=rng.randint(0, 2))
        text = "\n\n".join(s.format(**slots) for s in chosen)
        out.append((label, RawDocument(f"{label}-{i}.txt", text, title=title.format(**slots),
                                       published=published.isoformat(), outlet=f"Outlet {i % 37}")))
    return out


def undated_articles(count: int, seed: int = 7) -> list[tuple[str, RawDocument]]:
    """(story label, raw document) pairs of undated short leads, about five a story."""
    stories = shared_actor_stories(stories=max(1, round(count / 4.9)), seed=seed)
    return [(label, RawDocument(f"{label}-{i}.txt", lead, title=title, outlet=f"Outlet {i % 23}"))
            for i, (label, title, lead) in enumerate(stories)]


def b_cubed(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    by_truth, by_predicted = defaultdict(set), defaultdict(set)
    for item, label in truth.items():
        by_truth[label].add(item)
    for item, cluster in predicted.items():
        by_predicted[cluster].add(item)
    precision = recall = 0.0
    for item in truth:
        same_cluster = by_predicted[predicted[item]]
        same_label = by_truth[truth[item]]
        overlap = len(same_cluster & same_label)
        precision += overlap / len(same_cluster)
        recall += overlap / len(same_label)
    precision, recall = precision / len(truth), recall / len(truth)
    return precision, recall, 2 * precision * recall / (precision + recall)


def run(size: int, batch: int = 200, kind: str = "dated", days: int = 360) -> None:
    pairs = labelled_articles(size, days=days) if kind == "dated" else undated_articles(size)
    articles = [clean(raw) for _, raw in pairs]
    truth = {a.id: label for a, (label, _) in zip(articles, pairs)}
    clusterer = event_clusterer()
    with tempfile.TemporaryDirectory() as folder, SqliteStore.open(Path(folder) / "s.db") as store:
        t0 = time.perf_counter()
        for i in range(0, len(articles), batch):
            store.ingest(articles[i:i + batch], now="2026-01-01T00:00:00", cluster=clusterer)
        seconds = time.perf_counter() - t0
        predicted = dict(store._conn.execute("SELECT article_id, event_id FROM event_articles").fetchall())
        events = len(store.events())
    p, r, f1 = b_cubed(truth, predicted)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {kind} | {len(articles)} | {len(set(truth.values()))} | {events} | {p:.3f} | {r:.3f} | {f1:.3f} | "
          f"{size / seconds:.1f} | {seconds:.0f} | {peak_mb:.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--set", choices=["dated", "undated"], default="dated")
    parser.add_argument("--days", type=int, default=360,
                        help="days the dated set's events spread over (fewer: a denser stream)")
    args = parser.parse_args()
    print("| set | articles | true events | events found | B-cubed P | B-cubed R | B-cubed F1 | articles/s | seconds "
          "| peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        run(size, kind=args.set, days=args.days)


if __name__ == "__main__":
    main()
