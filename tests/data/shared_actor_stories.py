"""Undated short leads of many political stories that share their people and places (invented, not from any outlet).

What a real stream of politics looks like to a clusterer: the same president, secretary of state, senators
and foreign leaders appear in story after story, and what tells two stories apart is the action and its
objects (tariffs on steel from Canada vs tariffs on cars from Mexico; a summit in one capital vs a
sanctions bill). Each story is one kind of action filled with its own actor, counterpart, place, object and
number, and has a few details of its own (where it was announced, a word someone used of it) that half its
articles repeat; its articles are short leads (a title and one to four sentences) in different wordings, sometimes
with a background sentence about the actor that many other stories carry too, and sometimes a near-copy of
an earlier article of the story (a wire copy with a new title and a word or two changed). No dates: the
articles are undated, as plain text, CSV exports and copied pages often are.
"""

from __future__ import annotations

import random

ACTORS = [  # (full form, short form)
    ("President Dale Harmon", "Harmon"), ("Secretary of State Ruth Calder", "Calder"),
    ("Senator Paul Ashby", "Ashby"), ("Governor Nina Ferris", "Ferris"), ("Speaker Joe Marlin", "Marlin"),
    ("Attorney General Vera Lund", "Lund"), ("Defence Secretary Carl Okafor", "Okafor"),
    ("Senator Grace Whitfield", "Whitfield"), ("Vice President Ian Moreau", "Moreau"),
    ("Treasury Secretary Alan Pryce", "Pryce"),
]
COUNTERPARTS = [
    ("Chancellor Petra Vogt", "Vogt"), ("Prime Minister Rahul Desai", "Desai"), ("President Tomas Ibarra", "Ibarra"),
    ("Supreme Leader Kang Song-il", "Kang"), ("Prime Minister Elena Marsh", "Marsh"), ("President Yusuf Demir", "Demir"),
    ("President Lin Wei", "Lin"), ("King Faisal bin Omar", "Faisal"),
]
OFFICIALS = [("Mark Tillson", "Tillson"), ("Dana Reyes", "Reyes"), ("Hugo Brandt", "Brandt"), ("Priya Nair", "Nair"),
             ("Sam Okoye", "Okoye"), ("Lucy Fenwick", "Fenwick"), ("Victor Salas", "Salas"), ("Ada Kowalski", "Kowalski"),
             ("Ben Hartley", "Hartley"), ("Rosa Quint", "Quint"), ("Felix Adair", "Adair"), ("Nora Blake", "Blake")]
PLACES = ["Canada", "Mexico", "Germany", "Japan", "Brazil", "Turkey", "India", "China", "South Korea", "Britain",
          "Ohio", "Texas", "Florida", "Michigan", "Arizona"]

# kind: (identity, titles, leads, details, objects). Slots: {a} actor, {A} its short form, {b} counterpart,
# {B} short, {c} a named official, {p} place, {o} object, {n} a number. The identity slots are what makes
# two stories of one kind different events (one shutdown over a budget item, one hearing on a topic, one
# indictment of a person); the other slots are who else the story mentions. Wordings of one kind differ
# the way outlets' leads differ.
KINDS = {
    "tariffs": ("op",
        ["{A} imposes {n}% tariffs on {o} from {p}", "New {o} tariffs hit {p}", "{p} vows response to US {o} tariffs"],
        ["{a} ordered tariffs of {n} percent on imports of {o} from {p}, the White House said.",
         "The United States will charge a {n}% duty on {o} shipped from {p}, {A} announced.",
         "Exporters of {o} in {p} face a {n} percent levy after {a} signed the order."],
        ["{p} said it would answer the {o} duties with measures of its own.",
         "Importers of {o} warned prices would rise by {n} percent."],
        ["steel", "aluminium", "cars", "solar panels", "washing machines", "lumber", "dairy products", "semiconductors"]),
    "summit": ("Bp",
        ["{A} and {B} meet in {p}", "{A}-{B} summit opens in {p}", "Handshake in {p}: {A} meets {B}"],
        ["{a} met {b} in {p} for talks on {o}, the first meeting between the two leaders.",
         "{a} and {b} held a summit in {p} dominated by {o}.",
         "In {p}, {b} welcomed {a} for a day of talks focused on {o}."],
        ["Aides said the {p} talks on {o} lasted {n} minutes longer than planned.",
         "{B} called the meeting with {A} in {p} frank and useful."],
        ["trade", "nuclear weapons", "climate", "the border", "energy", "troop levels"]),
    "secret-trip": ("Bo",
        ["{A} made secret trip to meet {B}", "Revealed: {A}'s secret visit to {B}", "{A} met {B} in secret"],
        ["{a} travelled secretly to meet {b}, officials confirmed, in a visit kept quiet for {n} days.",
         "It emerged that {a} held a secret meeting with {b} to prepare talks on {o}.",
         "{a} quietly visited {b} ahead of negotiations over {o}, two officials said."],
        ["The secret visit to {B} was arranged through intelligence channels.",
         "Officials would not say where {A} and {B} met."],
        ["nuclear weapons", "prisoners", "a peace plan", "sanctions relief", "a summit"]),
    "sanctions": ("po",
        ["US sanctions {n} {p} officials", "{A} announces sanctions on {p} over {o}", "New sanctions target {p}"],
        ["{a} announced sanctions on {n} officials in {p} over {o}.",
         "The administration froze the assets of {n} {p} officials accused of {o}, {A} said.",
         "{n} people in {p} were placed under US sanctions for {o}, {a} announced."],
        ["{p} called the sanctions over {o} illegal.", "The sanctioned {p} officials can no longer use US banks."],
        ["human rights abuses", "election meddling", "cyber attacks", "corruption", "arms sales"]),
    "veto": ("o",
        ["{A} vetoes {o} bill", "{o} bill vetoed by {A}", "{A} blocks Congress on {o}"],
        ["{a} vetoed a bill on {o} that Congress had passed by {n} votes.",
         "The {o} bill was struck down by {a}'s veto, his {n}th of the term.",
         "{a} refused to sign the {o} legislation, sending it back to Congress with a veto."],
        ["Supporters of the {o} bill said they lacked the votes to override.",
         "Congress leaders vowed a vote to override the {o} veto."],
        ["gun control", "farm subsidies", "student loans", "border wall funding", "drug pricing", "net neutrality"]),
    "lawsuit": ("po",
        ["{p} sues administration over {o}", "Lawsuit filed by {p} over {o}", "{p} takes {o} fight to court"],
        ["{p} filed a lawsuit against the administration over {o}, calling the policy unlawful.",
         "Officials in {p} sued in federal court to block the {o} rule, {a} said.",
         "A legal challenge by {p} to the federal {o} policy was filed on behalf of {n} residents."],
        ["The {p} lawsuit asks a judge to halt the {o} rule.", "The administration said it would fight the {o} suit."],
        ["emissions rules", "the census question", "healthcare funding", "water rights", "voter rolls"]),
    "resign": ("o",
        ["{o} chief resigns", "Head of {o} quits after {n} months", "{o} director steps down"],
        ["{c}, the head of the {o}, resigned after {n} months in the job, {a} said.",
         "The director of the {o} quit, the {n}th senior official to leave, the White House confirmed.",
         "{a} accepted the resignation of {o} chief {c}, who had clashed with the White House."],
        ["The deputy will lead the {o} until a successor is confirmed.", "The {o} resignation letter gave no reason."],
        ["Environmental Protection Agency", "Federal Reserve board", "Veterans Affairs department", "Secret Service",
         "Census Bureau", "National Security Council"]),
    "indictment": ("c",
        ["Former {o} aide {C} indicted", "Ex-{o} aide {C} charged on {n} counts", "Grand jury indicts {C}"],
        ["{c}, a former {o} aide, was indicted on {n} counts of fraud, {a} announced.",
         "Prosecutors charged {c}, an ex-adviser to the {o}, with {n} counts, including lying to investigators.",
         "A grand jury returned a {n}-count indictment against {c}, a former {o} official, {A} said."],
        ["The former {o} aide is due in court next week.", "Lawyers for the {o} aide denied all {n} charges."],
        ["campaign", "transition team", "White House", "Pentagon", "Treasury"]),
    "missile-test": ("po",
        ["{p} fires missile over sea", "{p} missile test condemned by {A}", "{p} launches {o} missile"],
        ["{p} fired a {o} missile that flew {n} kilometres before falling into the sea.",
         "A {o} missile launched by {p} travelled {n} km, prompting a rebuke from {a}.",
         "{a} condemned the launch of a {o} missile by {p}, its first in {n} months."],
        ["Neighbours of {p} called emergency talks on the {o} missile.", "The {o} missile test broke a UN resolution."],
        ["ballistic", "cruise", "hypersonic", "short-range", "submarine-launched"]),
    "tests-halt": ("p",
        ["{p} halts {o} tests", "{p} to suspend {o} testing", "{p} announces end to {o} tests"],
        ["{p} said it would halt {o} tests and close a test site, a move welcomed by {a}.",
         "{b} announced that {p} no longer needed to carry out {o} tests.",
         "Testing of {o} in {p} will stop, {b} declared, and {n} test sites will close."],
        ["{a} called the end of {o} testing good news.", "Analysts doubted {p} would keep the {o} pledge."],
        ["nuclear", "long-range missile", "rocket engine", "chemical weapons"]),
    "troops": ("p",
        ["{n} US troops to leave {p}", "{A} orders troop pullout from {p}", "US to withdraw forces from {p}"],
        ["{a} ordered {n} US troops to withdraw from {p} within {o}.",
         "The Pentagon will pull {n} soldiers out of {p} over the next {o}, {A} said.",
         "US forces in {p} will shrink by {n} troops within {o} under a plan approved by {a}."],
        ["Allies said they were not consulted on the {p} withdrawal.", "Commanders in {p} have {o} to leave."],
        ["three months", "six months", "a year", "ninety days"]),
    "caravan": ("p",
        ["Migrant caravan reaches {p} border", "{n} migrants in caravan arrive at border", "{A} warns caravan at {p}"],
        ["A caravan of about {n} migrants reached the border with {p}, seeking {o}.",
         "{a} ordered troops to the border as a caravan of {n} people arrived from {p} asking for {o}.",
         "Around {n} migrants who travelled through {p} reached the border and asked for {o}."],
        ["The migrants in the caravan say they are fleeing violence.", "Border officials said {o} claims would take months."],
        ["asylum", "refugee status", "work permits", "humanitarian visas"]),
    "memos": ("o",
        ["{o} memos released to Congress", "Justice Department hands over {o} memos", "{A}: {o} memos prove nothing"],
        ["The Justice Department sent {n} pages of memos written by the {o} to Congress.",
         "Memos by the former {o} describing meetings with {a} were released to lawmakers.",
         "{a} said the {o} memos, {n} pages in all, showed no wrongdoing."],
        ["The {o} memos were partly redacted.", "Lawmakers had demanded the {o} memos for weeks."],
        ["FBI director", "CIA deputy", "White House counsel", "national security adviser"]),
    "deal-exit": ("o",
        ["US quits {o}", "{A} pulls out of {o}", "{o}: US withdrawal announced"],
        ["{a} announced that the United States would withdraw from the {o}.",
         "The US is leaving the {o}, {a} said, calling the agreement a disaster.",
         "{a} ended US participation in the {o}, drawing protests from {p}."],
        ["{p} said it would stay in the {o} without Washington.", "Leaving the {o} takes effect in {n} days."],
        ["Iran nuclear deal", "Paris climate agreement", "arms control treaty", "Pacific trade pact",
         "open skies treaty"]),
    "state-visit": ("p",
        ["{A} to visit {p}", "{A} confirms trip to {p}", "{p} prepares for {A} visit amid protests"],
        ["{a} will visit {p} next month, his first trip there as leader, to meet {b}.",
         "The White House confirmed that {a} will travel to {p} for talks with {b}.",
         "{b} will host {a} in {p}, where protests against the visit are planned."],
        ["Police in {p} prepared for protests during the visit.", "The visit to {p} will last {n} days."],
        ["."]),
    "nomination": ("o",
        ["{A} picks new {o}", "{A} names {o} nominee", "Senate to vet {A}'s {o} pick"],
        ["{a} nominated {c} as the new {o}, setting up a Senate fight.",
         "The White House named {c} its choice for {o}, {a} announced.",
         "{a}'s pick for {o} faces a confirmation hearing in {n} days."],
        ["Senators from both parties questioned the {o} nominee's record.", "The {o} post has been vacant for months."],
        ["Supreme Court justice", "ambassador to the UN", "Federal Reserve chair", "head of the FBI", "surgeon general"]),
    "shutdown": ("o",
        ["Government shutdown over {o}", "Shutdown begins as talks on {o} fail", "{A} and Congress deadlocked on {o}"],
        ["The federal government shut down after {a} and Congress failed to agree on {o}.",
         "About {n},000 federal workers were sent home as a dispute over {o} closed the government.",
         "{a} refused a budget without {o}, and the government ran out of money at midnight."],
        ["Parks and museums closed during the shutdown.", "Talks on {o} were to resume on Monday."],
        ["border security", "healthcare subsidies", "the debt ceiling", "disaster aid"]),
    "hearing": ("o",
        ["{A} grilled over {o} at hearing", "Senate hearing on {o} turns tense", "{A} defends {o} before Senate"],
        ["{a} faced hours of questions from senators about {o}.",
         "At a Senate hearing, {a} defended the handling of {o} against sharp criticism.",
         "Senators pressed {a} on {o} during a tense {n}-hour hearing."],
        ["{A} denied misleading Congress about {o}.", "The hearing on {o} was adjourned after {n} hours."],
        ["the embassy attack", "data privacy", "the travel ban", "the hurricane response", "election security"]),
}

# What one event has of its own beyond its action and objects: where it was announced and a quoted word.
# Outlets covering the same event repeat these; other events of the same kind have their own.
VENUES = ["the Rose Garden", "a rally in Tulsa", "a late-night news conference", "a signing ceremony", "a call with reporters",
          "the Oval Office", "an interview on Sunday television", "a closed-door briefing", "the airport tarmac",
          "a cabinet meeting", "a press gaggle", "a written statement", "the State Department podium", "a town hall"]
QUOTED = ["overdue", "reckless", "historic", "shameful", "necessary", "premature", "unacceptable", "courageous",
          "dangerous", "long overdue", "a betrayal", "a good start", "a mistake", "a disgrace", "a turning point"]
DETAILS = ["It was announced at {venue}.", "{c} called it \"{quoted}\".", "Speaking at {venue}, {c} called the move {quoted}."]

BACKGROUND = [  # sentences many stories carry: they name the people, not the event
    "{A} has been under pressure from both parties in recent weeks.",
    "Critics have accused {A} of acting without consulting allies.",
    "{A}'s approval rating stands near its lowest point.",
    "The move comes as the administration faces several investigations.",
]


def shared_actor_stories(stories: int = 240, seed: int = 7) -> list[tuple[str, str, str]]:
    """(story label, title, lead) for about five articles a story, shuffled as a stream interleaves them."""
    rng = random.Random(seed)
    made, seen = [], set()
    while len(made) < stories:
        kind = rng.choice(list(KINDS))
        a, A = rng.choice(ACTORS)
        b, B = rng.choice(COUNTERPARTS)
        c, C = rng.choice(OFFICIALS)
        slots = {"a": a, "A": A, "b": b, "B": B, "c": c, "C": C, "p": rng.choice(PLACES),
                 "o": rng.choice(KINDS[kind][4]), "n": rng.randint(2, 60), "venue": rng.choice(VENUES),
                 "quoted": rng.choice(QUOTED)}
        identity = (kind, *(slots[k] for k in KINDS[kind][0]))
        if identity in seen:
            continue
        seen.add(identity)
        made.append((f"{kind}-{len(made)}", kind, slots))
    out = []
    for label, kind, slots in made:
        _, titles, leads, details, _ = KINDS[kind]
        written: list[tuple[str, str]] = []
        for _ in range(rng.randint(3, 7)):
            if written and rng.random() < 0.2:  # a wire copy: same lead, new title, a word changed
                title, lead = rng.choice(written)
                lead = lead.replace(" said", " says", 1) if " said" in lead else lead.replace(".", ", officials said.", 1)
                out.append((label, rng.choice(titles).format(**slots), lead))
                continue
            sentences = [rng.choice(leads)]
            if rng.random() < 0.5:
                sentences.append(rng.choice(details))
            if rng.random() < 0.5:
                sentences.append(rng.choice(DETAILS))
            if rng.random() < 0.35:
                sentences.insert(rng.randint(1, len(sentences)), rng.choice(BACKGROUND))
            title = rng.choice(titles).format(**slots)
            lead = " ".join(s.format(**slots) for s in sentences)
            written.append((title, lead))
            out.append((label, title, lead))
    rng.shuffle(out)
    return out
