"""Cleaning rules on passages written for these tests (no seed covers them)."""

from __future__ import annotations

from newsprism.clean import article_id, clean, normalise_date, split_paragraphs
from newsprism.model import RawDocument


def _clean(text: str, **meta):
    return clean(RawDocument(source="t.txt", text=text, has_header=meta.pop("has_header", True), **meta))


def test_reuters_dateline_gives_city_and_wire():
    a = _clean("LONDON (Reuters) - Britain's finance minister said on Tuesday that taxes would rise.\n\n"
               "He spoke to reporters outside parliament.")
    assert a.dateline == "LONDON"
    assert a.wire == "Reuters"
    assert a.body.startswith("Britain's finance minister")


def test_dateline_with_region_and_em_dash():
    a = _clean("KYIV, Ukraine (AP) — Air raid sirens sounded across the capital overnight.")
    assert (a.dateline, a.wire) == ("KYIV", "AP")
    assert a.body.startswith("Air raid sirens")


def test_glued_dateline_without_agency():
    a = _clean("ANKARA-Turkish officials met their counterparts on Friday to discuss grain exports.")
    assert a.dateline == "ANKARA"
    assert a.wire is None
    assert a.body.startswith("Turkish officials")


def test_capitalised_acronyms_are_not_datelines():
    for lead in ("NATO-Russia talks resumed in Brussels on Monday.",
                 "U.S.-China trade fell sharply last quarter.",
                 "BREAKING - Markets fell sharply on Monday."):
        a = _clean(lead)
        assert a.dateline is None, lead
        assert a.body == lead


def test_told_agency_alone_does_not_make_a_wire_copy():
    a = _clean("The minister told Reuters the deal was close.\n\nTalks continue next week.")
    assert a.wire is None


def test_syndication_notice_with_agency_cues_gives_wire_and_outlet():
    a = _clean("Floods hit the valley on Sunday, AP reporters saw.\n\n"
               "(This story has not been edited by Example Daily staff and is auto-generated from a syndicated feed.)\n\n"
               "One farmer told AP the water rose in minutes.")
    assert a.wire == "AP"
    assert a.outlet == "Example Daily"
    assert "syndicated" not in a.body
    assert [b.kind for b in a.boilerplate] == ["syndication"]


def test_header_with_iso_date_and_url():
    a = _clean("Storm floods coastal towns\n2023-10-05T08:30:00Z\nhttps://www.bbc.co.uk/news/uk-123\n"
               "Heavy rain flooded several towns on Thursday.")
    assert a.title == "Storm floods coastal towns"
    assert a.published == "2023-10-05"
    assert a.url == "https://www.bbc.co.uk/news/uk-123"
    assert a.outlet == "BBC News"
    assert a.body == "Heavy rain flooded several towns on Thursday."


def test_a_lede_is_not_a_title():
    a = _clean("Heavy rain flooded several towns on Thursday.\nRoads were closed.")
    assert a.title is None
    assert a.body.startswith("Heavy rain")


def test_title_line_then_blank_line():
    a = _clean("Council approves new bridge\n\nThe city council voted 7-2 on Monday to approve the bridge.")
    assert a.title == "Council approves new bridge"
    assert a.body == "The city council voted 7-2 on Monday to approve the bridge."


def test_copyright_line_is_licence_and_names_the_outlet():
    a = _clean("The mayor resigned on Friday.\n\n© 2023 Riverside Gazette. All rights reserved.")
    assert a.outlet == "Riverside Gazette"
    assert a.boilerplate[0].kind == "licence"
    assert a.body == "The mayor resigned on Friday."
    for line, outlet in (("Copyright © 2026 The National Courier.", "The National Courier"),
                         ("© 2026 Patriot Signal Media LLC. All rights reserved.", "Patriot Signal Media"),
                         ("© Valley Herald 2026", "Valley Herald")):
        assert _clean(f"The mayor resigned on Friday.\n\n{line}").outlet == outlet, line


def test_appeal_in_the_middle_is_removed_and_reporting_after_it_kept():
    a = _clean("The strike entered its third day.\n\nDear readers,\n\n"
               "We rely on you. Please support our journalism with a donation today.\n\nDonate now\n\n"
               "Union leaders said talks would resume on Thursday at the ministry.")
    assert a.body == ("The strike entered its third day.\n\n"
                      "Union leaders said talks would resume on Thursday at the ministry.")
    assert {b.kind for b in a.boilerplate} == {"donation"}


def test_news_about_a_newsletter_is_kept():
    text = "The newsletter Platformer reported that the company would cut 200 jobs in March."
    assert _clean(text).body == text


def test_photo_caption_with_credit_goes_to_caption():
    a = _clean("Rescue workers search the rubble in Antakya. Jane Doe / AFP\n\n"
               "The death toll rose to 300 on Tuesday, officials said.")
    assert a.caption == "Rescue workers search the rubble in Antakya. Jane Doe / AFP"
    assert a.body == "The death toll rose to 300 on Tuesday, officials said."


def test_navigation_lines_are_removed():
    a = _clean("Prices rose 3% in May.\n\nRead more: Inflation explained\n\nAdvertisement\n\nEconomists expect a cut.")
    assert a.body == "Prices rose 3% in May.\n\nEconomists expect a cut."
    assert [b.kind for b in a.boilerplate] == ["navigation", "navigation"]


def test_hard_wrapped_text_joins_lines_into_paragraphs():
    text = ("The committee met on Monday to discuss the proposal, which\n"
            "would change how the city funds its parks and libraries over\n"
            "the next ten years, according to a draft seen by reporters.\n\n"
            "Members said they expected a vote before the end of the\n"
            "month, though several raised concerns about the cost and the\n"
            "timetable set out by the mayor's office last week.")
    a = _clean(text)
    assert a.body.count("\n\n") == 1
    assert "which would change" in a.body


def test_one_sentence_per_line_keeps_lines_as_paragraphs():
    paras = split_paragraphs("First sentence here.\nSecond sentence here.\nThird one.\nFourth one.")
    assert [p.text for p in paras] == ["First sentence here.", "Second sentence here.", "Third one.", "Fourth one."]


def test_structured_metadata_wins_and_nothing_is_invented():
    a = clean(RawDocument(source="x.json", text="Talks collapsed.", title="Talks collapse", url=None))
    assert (a.title, a.outlet, a.published, a.url, a.dateline, a.wire) == ("Talks collapse", None, None, None, None, None)


def test_unknown_domain_falls_back_to_the_host():
    a = clean(RawDocument(source="x.json", text="Talks collapsed.", url="https://www.example-news.org/a/1"))
    assert a.outlet == "example-news.org"


def test_normalise_date_forms():
    assert normalise_date("20220223") == "2022-02-23"
    assert normalise_date("2022-02-23T10:00:00+03:00") == "2022-02-23"
    assert normalise_date("2022-13-40") is None
    assert normalise_date("yesterday") is None


def test_article_id_is_a_content_hash():
    assert article_id("body", "Outlet") == article_id("body", "Outlet")
    assert article_id("body", "Outlet") != article_id("body", "Other")


def test_an_impossible_header_date_is_no_date():
    a = _clean("Council approves new bridge\n20230230\nhttps://example.org/bridge\n\n"
               "The city council voted 7-2 on Monday to approve the bridge.")
    assert a.title == "Council approves new bridge"
    assert a.published is None
    assert a.url == "https://example.org/bridge"
    assert normalise_date("20230230") is None and normalise_date("2024-02-29") == "2024-02-29"


def test_a_sentence_opening_with_the_word_copyright_is_reporting():
    text = ("Copyright infringement claims rose sharply last year.\n\n"
            "Lawyers said most of the cases involved music shared on social media.")
    a = _clean(text, has_header=False)
    assert a.body == text
    assert a.outlet is None and a.boilerplate == ()


def test_copyright_credits_without_a_symbol_still_count():
    a = _clean("The mayor resigned on Friday.\n\nCopyright 2023 Riverside Gazette")
    assert (a.outlet, a.body) == ("Riverside Gazette", "The mayor resigned on Friday.")


def test_an_outlet_is_known_by_its_own_domain_not_a_sibling_subdomain():
    from newsprism.credits import outlet_for_url

    assert outlet_for_url("https://economictimes.indiatimes.com/news/x.cms") is None
    assert outlet_for_url("https://timesofindia.indiatimes.com/world/x.cms") == "The Times of India"
    assert outlet_for_url("https://www.ndtv.com/world-news/x") == "NDTV"
    assert outlet_for_url("https://m.bbc.co.uk/news/x") == "BBC News"
    assert outlet_for_url("https://evil-ndtv.com.example.net/x") is None
    a = _clean("Markets rose on Monday.", url="https://economictimes.indiatimes.com/markets/x.cms",
               has_header=False)
    assert a.outlet == "economictimes.indiatimes.com"


# --- a first line that ends in a full stop: headline or lede? --------------------------

def test_a_headline_with_a_full_stop_before_a_wire_dateline_is_the_title():
    a = _clean("Mayor says council modeling budget on rival city.\n\n"
               "SPRINGFIELD (AP) — Mayor Jane Diaz said on Tuesday that the council had copied its budget plan "
               "from a rival city, in a speech to business leaders.\n\n"
               "The council did not respond to a request for comment.")
    assert a.title == "Mayor says council modeling budget on rival city."
    assert (a.dateline, a.wire) == ("SPRINGFIELD", "AP")
    assert a.body.startswith("Mayor Jane Diaz said on Tuesday")


def test_a_headline_case_title_with_a_full_stop_is_the_title():
    a = _clean("Storm Batters Coast. Here's What Comes Next.\n\n"
               "A storm battered the coast overnight, cutting power to thousands of homes and closing two ports.")
    assert a.title == "Storm Batters Coast. Here's What Comes Next."
    assert a.body.startswith("A storm battered the coast")


def test_a_headline_followed_by_a_second_headline_line_is_the_title():
    a = _clean("Rail strike to go ahead after talks fail.\n\nUnions reject the final offer.\n\n"
               "A national rail strike will go ahead on Monday after last-minute talks between unions and "
               "operators broke down late on Friday night, leaving commuters facing a week of disruption.")
    assert a.title == "Rail strike to go ahead after talks fail."
    assert a.body.startswith("Unions reject the final offer.")


def test_a_headline_before_a_byline_is_the_title():
    a = _clean("Court blocks new voting rules.\n\nBy Maria Lopez\n\n"
               "A federal court on Thursday blocked the state's new voting rules pending a full hearing.")
    assert a.title == "Court blocks new voting rules."


def test_a_short_lede_is_not_taken_for_a_title():
    text = ("The ferry sank on Sunday.\n\n"
            "Rescuers pulled 40 people from the water and were still searching for six more late into the night, "
            "the coast guard said in a statement.\n\n"
            "The cause of the sinking was not known.")
    a = _clean(text)
    assert a.title is None and a.body == text
    lede = ("He said the plan would fail.\n\nCritics agreed.\n\n"
            "Opposition leaders said the budget left too little for hospitals and schools and would be rejected.")
    assert _clean(lede).title is None


# --- a dateline after front matter ------------------------------------------------

def test_a_wire_dateline_after_a_pull_quote_gives_city_and_wire_and_keeps_the_quote():
    a = _clean("Minister defends pension reform\n\n"
               "\"Nobody will retire later than they planned,\" said the minister.\n\n"
               "OSLO (Reuters) - Norway's labour minister defended the pension reform in parliament on Tuesday, "
               "saying the changes would apply only to workers under 40.\n\n"
               "Unions have called a rally for Saturday.")
    assert (a.dateline, a.wire) == ("OSLO", "Reuters")
    assert a.body.startswith("\"Nobody will retire later")
    assert "\n\nNorway's labour minister defended" in a.body


def test_a_dateline_after_long_reporting_is_not_the_articles_dateline():
    long_paragraph = "The council met for six hours on Monday to debate the budget. " * 8
    a = _clean("Council debates budget\n\n" + long_paragraph + "\n\nMADRID (AP) - A separate story begins here "
               "about a different city.")
    assert a.dateline is None and a.wire is None


def test_a_masthead_line_under_the_title_gives_the_outlet_and_date_and_leaves_the_body():
    a = _clean("Union paralyzes port\n\nBy Erik Sand | Norland Herald | March 10, 2026\n\n"
               "Union activists shut down the port on Tuesday.")
    assert (a.title, a.outlet, a.published) == ("Union paralyzes port", "Norland Herald", "2026-03-10")
    assert a.body == "Union activists shut down the port on Tuesday."
    b = _clean("Strike halts port\n\nRiverside Daily · 2026-03-10\n\nDockworkers walked off the job on Tuesday.")
    assert (b.outlet, b.published, b.body) == ("Riverside Daily", "2026-03-10", "Dockworkers walked off the job on Tuesday.")
    c = _clean("Quake kills dozens\n\nVeltria Free Voice, 2025-07-14\n\nThe quake struck on Sunday.")
    assert (c.outlet, c.published, c.body) == ("Veltria Free Voice", "2025-07-14", "The quake struck on Sunday.")


def test_a_byline_opening_the_body_is_front_matter_in_any_format():
    html_like = clean(RawDocument("page.html", "By Ana Ruiz\n\nTwelve thousand dockworkers shut down the port.",
                                  title="Port workers strike", outlet="The Daily Progress"))
    assert html_like.body == "Twelve thousand dockworkers shut down the port."
    assert html_like.outlet == "The Daily Progress"


def test_lines_that_only_look_like_mastheads_stay_in_the_body():
    # A dateline with a dash, a lede naming a place, a bare name: none is a masthead.
    for text in ("Washington — President Trump said on Monday that talks would resume.",
                 "By Monday, the troops had left the city.",
                 "Norland Herald"):
        a = _clean(f"Talks to resume\n\n{text}\n\nMore details were expected later.")
        assert text in a.body, text


def test_an_outlet_line_and_a_wordy_date_line_under_the_title_are_front_matter():
    a = _clean("Dairy deal alarms farmers\n\nThe Dairy Courier\n\nMarch 4, 2026\n\nFarmers reacted with alarm on Wednesday.")
    assert (a.title, a.outlet, a.published, a.body) == (
        "Dairy deal alarms farmers", "The Dairy Courier", "2026-03-04", "Farmers reacted with alarm on Wednesday.")
    b = _clean("Fire grows\n\n15 August 2026\n\nState Capital News\n\nThe governor declared an emergency.")
    assert (b.outlet, b.published, b.body) == ("State Capital News", "2026-08-15", "The governor declared an emergency.")
    # A short name with no date beside it is the story's first line, not a masthead.
    c = _clean("Fire grows\n\nState Capital News\n\nThe governor declared an emergency.")
    assert c.outlet is None and c.body.startswith("State Capital News")


def test_a_dateline_with_its_date_gives_city_wire_and_the_published_day():
    a = _clean("OSLO, March 3, 2026 (Reuters) - Halvorsen agreed on Tuesday to buy a dairy.\n\nMore later.")
    assert (a.dateline, a.wire, a.published) == ("OSLO", "Reuters", "2026-03-03")
    assert a.body.startswith("Halvorsen agreed")
    b = _clean("PINECREST, Calif., Aug. 14, 2026 (AP) — A wildfire forced 12,000 people to flee.\n\nMore later.")
    assert (b.dateline, b.wire, b.published) == ("PINECREST", "AP", "2026-08-14")
    # A date without its year dates nothing; the metadata's date wins over the dateline's.
    c = _clean("KYIV, Ukraine, Aug. 14 (AP) — Shelling resumed.\n\nMore later.")
    assert (c.dateline, c.published, c.body) == ("KYIV", None, "Shelling resumed.\n\nMore later.")
    d = _clean("OSLO, March 3, 2026 (Reuters) - Talks resumed.", published="2026-03-04")
    assert d.published == "2026-03-04"


def test_ap_month_abbreviations_are_dates():
    from newsprism.read.records import iso_date

    assert [iso_date(t) for t in ("Aug. 14, 2026", "Sept. 4, 2026", "4 Sept. 2026", "Dec. 1, 2025")] == [
        "2026-08-14", "2026-09-04", "2026-09-04", "2025-12-01"]


def test_an_article_without_an_outlet_is_named_by_its_wire_and_file():
    a = _clean("GENEVA, Nov. 12, 2026 (AFP) — Delegates agreed to cut methane emissions.\n\nMore later.",
               has_header=False)
    assert (a.outlet, a.wire, a.display_name) == (None, "AFP", "AFP (t.txt)")
    b = _clean("Delegates agreed to cut methane emissions.", has_header=False)
    assert b.display_name == "t.txt"
    c = _clean("Delegates agreed to cut methane emissions.", has_header=False, outlet="Green Planet News")
    assert c.display_name == "Green Planet News"


def test_staff_credits_and_correction_notes_are_boilerplate():
    a = _clean("Port strike ends\n\nDockworkers ended a five-day strike on Monday.\n\n"
               "(Reporting by Anna Vos; Additional reporting by Piet Jansen; Editing by Mark Hill)\n\n"
               "Our Standards: The Thomson Reuters Trust Principles.\n\n"
               "This article was amended on 5 May 2026 to correct the size of the pay rise, which is 6 percent, not 8.\n\n"
               "Correction: An earlier version misspelled the port's name.")
    assert a.body == "Dockworkers ended a five-day strike on Monday."
    assert [b.kind for b in a.boilerplate] == ["credits", "credits", "correction", "correction"]
    # Reporting about reporting stays: it is the story.
    b = _clean("Leak inquiry\n\nReporting by the newspaper showed the minister knew of the leak.\n\n"
               "This article's claims were denied by the ministry.")
    assert "Reporting by the newspaper" in b.body and "denied by the ministry" in b.body


def test_a_title_or_a_menu_alone_is_skipped_with_its_reason(tmp_path):
    from newsprism.pipeline import read_articles

    (tmp_path / "title.txt").write_text("Only a title\n", encoding="utf-8")
    (tmp_path / "nav.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (tmp_path / "story.txt").write_text("Fire grows\n\nThe fire forced thousands of people from their homes on "
                                        "Friday.", encoding="utf-8")
    outcome = read_articles([str(tmp_path)])
    assert [a.title for a in outcome.articles] == ["Fire grows"]
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in outcome.skipped}
    assert reasons == {"title.txt": "too little text for an article (3 words)",
                       "nav.html": "too little text for an article (1 word)"}


def test_date_lines_with_a_weekday_a_published_label_or_a_time_are_front_matter():
    for line, day in (("Thursday 12 March 2026", "2026-03-12"), ("Published June 20, 2026", "2026-06-20"),
                      ("Wednesday, March 4, 2026", "2026-03-04"),
                      ("Updated: June 20, 2026 10:42 a.m. ET", "2026-06-20")):
        a = _clean(f"Quake toll rises\n\n{line}\n\nRescuers pulled a girl from the rubble.")
        assert (a.title, a.published, a.body) == ("Quake toll rises", day, "Rescuers pulled a girl from the rubble."), line
    # A weekday is no outlet, and a sentence about a day stays in the story.
    b = _clean("Talks resume\n\nOn Thursday, March 12, 2026, the talks resumed in Geneva.\n\nMore later.")
    assert b.outlet is None and b.body.startswith("On Thursday, March 12, 2026, the talks resumed")


def test_a_byline_with_an_agency_or_a_post_is_front_matter_and_an_agency_is_the_wire():
    a = _clean("Quake toll rises to 340\n\nBy Claire Dumont, AFP\nThursday 12 March 2026\n\nRescuers raced against time.")
    assert (a.outlet, a.wire, a.published, a.body) == ("AFP", "AFP", "2026-03-12", "Rescuers raced against time.")
    b = _clean("Rail strike halts trains\n\nBy Helen Marsh, Transport Correspondent\nWednesday 4 March 2026\n\n"
               "Most trains were cancelled.")
    assert (b.outlet, b.wire, b.published, b.body) == (None, None, "2026-03-04", "Most trains were cancelled.")


def test_markdown_marks_are_not_text():
    a = _clean("# Court hands drivers a defeat\n\n*By Elena Marquez | June 19, 2026*\n\nThe court ruled 6-3 on Thursday.\n\n"
               "> \"The law no longer reaches them.\"\n\nThe union condemned the ruling.")
    assert (a.title, a.published) == ("Court hands drivers a defeat", "2026-06-19")
    assert a.body == ("The court ruled 6-3 on Thursday.\n\n\"The law no longer reaches them.\"\n\n"
                      "The union condemned the ruling.")
    c = _clean("Breach hits insurer\n\n**By Karen Whitfield** | June 10, 2026\n\nWhat to do now:\n\n"
               "- Enrol in credit monitoring.\n- Change your password.")
    assert (c.published, c.body) == ("2026-06-10", "What to do now:\n\nEnrol in credit monitoring.\n\n"
                                                   "Change your password.")
    # Marks inside a line, a hashtag, a figure: words.
    b = _clean("Vote count\n\nThe *new* count and the *old* one differ.\n\n#MeToo trended; >50 people marched.")
    assert b.body == "The *new* count and the *old* one differ.\n\n#MeToo trended; >50 people marched."


def test_a_line_saying_who_contributed_to_the_report_is_credits():
    body = ("WASHINGTON (AP) — The court ruled on Thursday.\n\nThe union condemned it.\n\n"
            "Associated Press writer Jane Doe contributed to this report.\n\n"
            "Lee Min-ji contributed reporting from Seoul.")
    a = _clean(f"Court rules\n\n{body}")
    assert a.body == "The court ruled on Thursday.\n\nThe union condemned it."
    assert [b.kind for b in a.boilerplate] == ["credits", "credits"]
    # Money given to a cause is the story.
    b = _clean("Aid pledged\n\nThe European Union contributed 9 million euros to the relief effort.\n\nMore later.")
    assert b.body.startswith("The European Union contributed 9 million euros")
