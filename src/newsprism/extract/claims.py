"""Claims: the statements a sentence makes, one per clause where it makes several.

"Russian military units officially entered Eastern Ukraine on Monday after
Vladimir Putin's government formally recognized the breakaway republics"
makes two claims — the entry, and the recognition — and each may agree with a
different sentence elsewhere. Every sentence is a claim; so is each clause
hanging off its main verb (an adverbial clause, a coordinated clause, a
reported clause, a participle clause) that is long enough to say something.
"""

from __future__ import annotations

from newsprism.extract.nlp import doc_text
from newsprism.model import Claim

__all__ = ["find_claims"]

# A clause shorter than this says too little to compare on its own.
MIN_CLAUSE_TOKENS = 6
_CLAUSE_DEPS = {"advcl", "conj", "ccomp", "xcomp", "relcl", "acl", "pcomp"}
_LEADING = {"after", "before", "while", "as", "when", "since", "because", "and", "but", "that", "which", "who",
            "just", "hours", "days", "formally"}


def find_claims(doc, article_id: str) -> list[Claim]:
    text = doc_text(doc)
    claims: list[Claim] = []
    for index, sent in enumerate(s for s in doc.sents if s.text.strip()):
        start, end = _strip(text, sent.start_char, sent.end_char)
        claims.append(Claim(article_id, start, end, text[start:end], index, True, _verbs(sent)))
        seen = {(start, end)}
        for token in sent:
            if token.dep_ not in _CLAUSE_DEPS or token.pos_ not in {"VERB", "AUX"}:
                continue
            # "ordered the ministry to establish relations" says what someone is to do; "appeared to put
            # the visit on ice" or "wants to meet" without its subject and hedge says something else.
            if token.dep_ == "xcomp" and not any(c.dep_ in {"dobj", "obj"} for c in token.head.children):
                continue
            tokens = [t for t in token.subtree]
            if len(tokens) < MIN_CLAUSE_TOKENS or len(tokens) >= len(sent) - 2:
                continue
            while tokens and (tokens[0].lower_ in _LEADING or tokens[0].is_punct or tokens[0].dep_ == "mark"):
                tokens = tokens[1:]
            while tokens and tokens[-1].is_punct:
                tokens = tokens[:-1]
            if len(tokens) < MIN_CLAUSE_TOKENS:
                continue
            c_start, c_end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            if (c_start, c_end) not in seen:
                seen.add((c_start, c_end))
                claims.append(Claim(article_id, c_start, c_end, text[c_start:c_end], index, False, _verbs(tokens)))
    return claims


def _verbs(tokens) -> frozenset[str]:
    return frozenset(t.lower_.replace("’", "'") for t in tokens if t.pos_ == "VERB")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
