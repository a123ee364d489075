"""Articles on six unrelated events, written for the clustering tests (not from any real outlet).

Each event has a pool of sentences a reporter might write; each article takes a title and a few
sentences from its event's pool in its own order, so articles of one event share facts but not text.
"""

from __future__ import annotations

import random

EVENTS = {
    "cup-final": (
        ["Rovers win cup final in extra time", "Late header gives Rovers the cup", "Rovers lift the cup after 2-1 win"],
        ["Rovers beat City 2-1 after extra time in the cup final at the national stadium on Saturday.",
         "Captain Leo Marsh headed the winner in the 112th minute from a corner.",
         "City had equalised through a penalty from striker Tomas Berg early in the second half.",
         "More than 80,000 fans watched the final, the first at the stadium since its renovation.",
         "Rovers manager Anna Price said her players had shown remarkable character.",
         "It is the club's first major trophy in 23 years.",
         "City's coach complained that the referee had missed a clear foul before the winning goal.",
         "Thousands of supporters gathered in the town square to celebrate late into the night."]),
    "storm": (
        ["Storm Hilda batters the coast", "Thousands without power as Hilda hits", "Storm Hilda floods harbour towns"],
        ["Storm Hilda brought winds of up to 140 km/h to the northern coast on Tuesday night.",
         "About 60,000 homes lost power and several roads were closed by fallen trees.",
         "The harbour towns of Westport and Kilmore were flooded as the tide rose.",
         "The weather service issued its highest warning level for the coastal counties.",
         "Ferries were cancelled and schools in the region stayed closed on Wednesday.",
         "Emergency crews rescued a fisherman whose boat capsized near the breakwater.",
         "Engineers expect most power to be restored within two days.",
         "Farmers reported damage to barns and greenhouses across the lowlands."]),
    "election": (
        ["Centre-left wins regional election", "Greens surge in regional vote", "Voters hand regional win to Social Democrats"],
        ["The Social Democrats won the regional election on Sunday with 31 percent of the vote.",
         "The Greens doubled their share to 18 percent, their best result in the region.",
         "The governing conservatives fell to 24 percent after a campaign dominated by housing costs.",
         "Turnout rose to 68 percent, the highest in two decades.",
         "Social Democrat leader Martin Vogel said he would seek a coalition with the Greens.",
         "The far-right party narrowly missed the five percent threshold for seats in the assembly.",
         "Coalition talks are expected to begin next week in the regional capital.",
         "Analysts said rents and transport had decided the vote in the cities."]),
    "chip-plant": (
        ["Chipmaker to build plant in the valley", "New semiconductor factory promises 3,000 jobs",
         "Valley wins chip factory"],
        ["Semiconductor maker Lumetra will build a chip plant in the river valley, the company said on Monday.",
         "The factory is expected to cost 9 billion euros and create 3,000 jobs.",
         "The government will contribute subsidies of about 2 billion euros to the project.",
         "Construction is due to begin next spring, with production starting in 2028.",
         "Local officials welcomed the investment but environmental groups raised concerns about water use.",
         "The plant will produce chips for cars and industrial machines.",
         "Lumetra's chief executive said the site was chosen for its skilled workforce.",
         "Shares in the company rose 4 percent after the announcement."]),
    "museum-heist": (
        ["Jewels stolen from city museum", "Thieves raid museum in four minutes", "Museum heist: crown jewels taken"],
        ["Thieves stole jewels from the city museum early on Thursday in a raid lasting four minutes.",
         "The robbers broke a window on the first floor and smashed two display cases.",
         "Among the stolen items is an eighteenth-century diamond necklace.",
         "Police are searching for three men who fled on scooters.",
         "The museum was closed for the rest of the day while forensic teams examined the gallery.",
         "The museum director said the collection was insured but irreplaceable.",
         "Investigators are examining footage from security cameras in nearby streets.",
         "It is the second theft at a major museum in the country this year."]),
    "rail-strike": (
        ["Rail workers strike over pay", "Trains halted by national rail strike", "Commuters stranded as rail staff walk out"],
        ["Rail workers began a 48-hour strike on Wednesday in a dispute over pay and working hours.",
         "Only one in five trains ran, and many regional lines had no service at all.",
         "The union is demanding a 9 percent raise to match the rising cost of living.",
         "The rail company offered 5 percent and called the strike irresponsible.",
         "Commuters crowded onto buses and roads around the capital were jammed.",
         "The transport minister urged both sides to return to talks.",
         "Freight services were also disrupted, delaying deliveries to ports.",
         "Union leader Karen Holt said further strikes could follow next month."]),
}


def unrelated_articles(per_event: int = 4, seed: int = 11) -> list[tuple[str, str, str]]:
    """(event name, file name, text) for `per_event` articles of each event."""
    rng = random.Random(seed)
    out = []
    for event, (titles, sentences) in EVENTS.items():
        for i in range(per_event):
            chosen = rng.sample(sentences, k=min(len(sentences), rng.randint(4, 6)))
            title = titles[i % len(titles)]
            out.append((event, f"{event}-{i}.txt", f"{title}\n\n" + "\n\n".join(chosen) + "\n\nSource: Outlet " + str(i)))
    return out
