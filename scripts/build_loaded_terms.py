"""Write src/newsprism/data/loaded_terms.json: the word lists the framing stage marks as labels.

    pip download --no-deps vadersentiment==3.3.2 textblob==0.20.1 -d /tmp/lex
    (cd /tmp/lex && for w in *.whl; do unzip -qo "$w" -d x; done)
    python scripts/build_loaded_terms.py /tmp/lex/x/textblob/en/en-sentiment.xml /tmp/lex/x/vaderSentiment/vader_lexicon.txt

Evaluative adjectives are the words two independent lexicons both rate strongly evaluative:
the Pattern subjectivity lexicon (De Smedt & Daelemans 2012, en-sentiment.xml, PDDL, as shipped
in textblob) rates them highly subjective and polar, and VADER (Hutto & Gilbert 2014,
vader_lexicon.txt, MIT, Copyright (c) 2016 C.J. Hutto) gives them a strong mean valence from
ten human raters. Either lexicon alone flags ordinary description ("chilly", "latest",
"dangerous"); words both agree on are judgements ("disastrous", "horrific", "pathetic").

The other lists follow Wikipedia's Manual of Style, "Words to watch" (MOS:WTW, CC BY-SA 4.0):
contentious labels, expressions of doubt, editorializing adverbs, puffery; with the charged
verbs of attribution that style guides tell reporters to avoid ("slammed", "blasted") and
epithets of the same kind ("regime", "dictator", "thugs").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.etree import ElementTree

PATTERN_SUBJECTIVITY = 0.8
PATTERN_POLARITY = 0.7
VADER_VALENCE = 2.0
# Everyday adjectives both lexicons rate strongly but news and speech use in set phrases
# ("great lengths", "good news", "best way"): judging them needs more than a word list.
EVERYDAY = {"great", "good", "bad", "best", "better", "worst", "nice", "happy", "sad", "fine", "glad", "sorry",
            "funny", "beautiful", "wonderful", "love", "kind", "free", "safe", "perfect", "excellent", "amazing",
            "awesome", "lovely", "fun", "strong", "sure", "true", "clear", "super", "welcome", "pretty", "proud",
            "successful", "sick", "mad", "ideal", "superior", "intelligent", "pleasant", "loved", "impressed",
            "fearful", "delicious", "talented", "wise", "brave", "fascinating", "crude"}  # "crude oil"

CONTENTIOUS_LABELS = [  # MOS:WTW "Contentious labels", with the epithets of conflict and political reporting
    "cult", "racist", "racists", "sect", "fundamentalist", "fundamentalists", "extremist", "extremists", "bigot",
    "bigots", "fascist", "fascists", "neo-nazi", "neo-nazis", "denialist", "zealot", "zealots", "radicals",
    "regime", "dictator", "despot", "tyrant", "strongman", "thug", "thugs", "henchmen", "cronies", "puppet",
    "puppets", "junta", "warmonger", "warmongers", "propaganda", "hoax", "witch hunt", "sham", "mob",
    "lackey", "lackeys", "stooge", "stooges", "globalist", "globalists", "illegal aliens", "illegals",
    "land grab", "land grabs", "aggressor", "triumphalism", "hysteria", "fake news", "scam", "charade",
    "rogue state", "rogue regime", "hardliners", "firebrand", "demagogue", "provocateur", "agitator", "agitators",
    "warmongering", "barbaric", "atrocious", "murderous", "genocidal", "illegitimate", "hysterical", "shameless",
    "bogus", "phony", "rigged", "disgraceful",
    # epithets of labour, economic and election reporting
    "union bosses", "union barons", "fat cats", "unelected bureaucrats", "power grab", "rubber-stamp",
    "stolen election", "job-killing", "gravy train", "cabal", "kleptocrat", "kleptocrats", "kleptocracy",
    "apologist", "apologists", "hit job", "hit piece", "deep state", "deep-state", "witch-hunt",
]
DOUBT = [  # MOS:WTW "Expressions of doubt"
    "so-called", "self-proclaimed", "self-styled", "self-declared", "would-be", "supposed", "supposedly",
    "purported", "purportedly", "pseudo",
]
EDITORIALIZING = [  # MOS:WTW "Editorializing"
    "obviously", "clearly", "fortunately", "unfortunately", "tragically", "shockingly", "outrageously",
    "disturbingly", "astonishingly", "incredibly", "remarkably", "undoubtedly", "of course", "needless to say",
    "shamelessly", "brazenly", "blatantly", "cynically", "stunningly", "absurdly", "ridiculously",
]
PUFFERY = [  # MOS:WTW "Puffery"
    "legendary", "visionary", "acclaimed", "celebrated", "renowned", "world-class", "awe-inspiring",
    "iconic", "revered", "beloved", "storied", "illustrious", "heroic", "triumphant",
]
CHARGED_VERBS = [  # verbs of attribution and action that carry the writer's judgement (base forms)
    "slam", "blast", "lash out", "bash", "rail against", "scold", "mock", "ridicule", "boast", "brag", "tout",
    "rant", "whine", "fume", "seethe", "gush", "smear", "savage", "gloat", "sneer", "spew", "parrot", "peddle",
    "cave", "grovel", "meddle", "bully", "flip-flop", "berate", "lambaste", "excoriate", "deride", "belittle",
]


def evaluative(pattern_xml: Path, vader_txt: Path) -> list[str]:
    pattern: dict[str, tuple[float, float]] = {}
    for word in ElementTree.parse(pattern_xml).getroot().iter("word"):
        if word.get("pos") == "JJ":
            pattern.setdefault(word.get("form", "").lower(),
                               (float(word.get("subjectivity", 0)), float(word.get("polarity", 0))))
    vader: dict[str, float] = {}
    for line in vader_txt.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            vader[parts[0]] = float(parts[1])
    return sorted(w for w, (subjectivity, polarity) in pattern.items()
                  if w.isalpha() and subjectivity >= PATTERN_SUBJECTIVITY and abs(polarity) >= PATTERN_POLARITY
                  and abs(vader.get(w, 0.0)) >= VADER_VALENCE and w not in EVERYDAY)


def main(pattern_xml: str, vader_txt: str) -> None:
    out = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "data" / "loaded_terms.json"
    data = {
        "_about": "Word lists for framing labels, written by scripts/build_loaded_terms.py. evaluative_adjectives: "
                  "adjectives both the Pattern subjectivity lexicon (De Smedt & Daelemans, PDDL) and VADER (Hutto & "
                  "Gilbert, MIT, Copyright (c) 2016 C.J. Hutto) rate strongly evaluative. contentious_labels, doubt, "
                  "editorializing, puffery: after Wikipedia's Manual of Style, Words to watch (CC BY-SA 4.0), with "
                  "epithets of political reporting. charged_verbs: verbs of attribution and action carrying the "
                  "writer's judgement (base forms; inflected at load).",
        "evaluative_adjectives": evaluative(Path(pattern_xml), Path(vader_txt)),
        "contentious_labels": CONTENTIOUS_LABELS, "doubt": DOUBT, "editorializing": EDITORIALIZING,
        "puffery": PUFFERY, "charged_verbs": CHARGED_VERBS,
    }
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['evaluative_adjectives'])} evaluative adjectives -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
