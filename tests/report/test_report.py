"""Tests for claimledger/report: one self-contained, escaped HTML page."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import story

from claimledger.records import Entity, ParsedArticle, Span, Statement
from claimledger.report import render_report, write_report
from claimledger.report._model import Segment, highlight
from claimledger.store import Ledger


def test_render_report_highlights_each_statement_in_its_article(ledger: Ledger) -> None:
    html = render_report(ledger)
    for s in ledger.statements():
        assert f'href="#st-{s.id}"' in html  # the quote in the table links…
        assert f'<span class="anchor" id="st-{s.id}"></span><mark class="content"' in html  # …here
    assert re.search(r'<mark class="content" data-st="[^"]+">Iran has not sent any drones to Russia', html)
    assert '<span class="time">on Friday</span>' in html


def test_render_report_escapes_markup_in_article_text(ledger: Ledger) -> None:
    html = render_report(ledger)
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    assert "alert('pwned')" not in html
    assert html.count("<script>") == 1  # only the report's own script


def test_render_report_escapes_markup_in_statements(db_path: Path) -> None:
    batch = story.parsed_articles()
    s = batch[1].statements[0]
    img = "<img src=x onerror=alert(1)>"
    hostile = dataclasses.replace(s, content=Span(s.content.start, s.content.end, img))
    batch[1].statements[0] = hostile
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(batch)
        html = render_report(ledger)
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_render_report_names_the_evidence_of_a_statement_with_no_speaker(db_path: Path) -> None:
    batch = story.parsed_articles()
    s = batch[1].statements[0]
    poll = Span(s.content.start, s.content.start + 4, batch[1].article.text[s.content.start : s.content.start + 4])
    batch[1].statements[0] = dataclasses.replace(s, speaker=None, speaker_entity_id=None, evidence=poll)
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(batch)
        html = render_report(ledger)
    assert f"via \u201c{poll.text}\u201d" in html


def test_render_report_links_only_web_addresses(db_path: Path) -> None:
    batch = story.parsed_articles()
    batch[0].article.url = "javascript:alert(1)"
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(batch)
        html = render_report(ledger)
    assert "javascript:" not in html


def test_render_report_is_self_contained(ledger: Ledger) -> None:
    html = render_report(ledger)
    assert "<link" not in html
    assert not re.search(r"<script[^>]+src=", html)
    assert "@import" not in html and "url(" not in html


def test_render_report_shows_overview_entities_and_propositions(ledger: Ledger) -> None:
    html = render_report(ledger)
    assert "<dt>Articles</dt><dd>2</dd>" in html
    assert "Published 2022-11-05 to 2022-11-06." in html
    assert "Caspian Times, Gulf Wire" in html
    assert "Hossein Amir-Abdollahian" in html and "Iran&#39;s foreign minister" in html
    assert 'id="prop-p-iran-supplied-drones"' in html
    assert '<span class="stance deny" title="deny">✗ deny</span>' in html


def test_render_report_position_matrix_has_colour_and_symbol(ledger: Ledger) -> None:
    html = render_report(ledger)
    matrix = html[html.index('<table class="matrix">') : html.index("</table>", html.index('<table class="matrix">'))]
    row = matrix[matrix.index("Hossein Amir-Abdollahian") :]
    assert re.search(r'<span class="stance deny">✗</span><span class="arrow">→</span>'
                     r'<span class="stance hedge">~</span>', row)
    # the reversal on record is flagged, and the cell opens its evidence
    assert '<span class="reversal-flag" title="reversal">⟲</span>' in row
    assert f'href="#ev-{story.PERSIAN}--{story.PROPOSITION}"' in row
    evidence = html[html.index(f'id="ev-{story.PERSIAN}--{story.PROPOSITION}"') :]
    assert "Iran has not sent any drones" in evidence[: evidence.index("</div>\n  </div>")]


def test_render_report_contradiction_cards_show_both_sides(ledger: Ledger) -> None:
    html = render_report(ledger)
    cards = html[html.index('id="contradictions"') : html.index('id="framing"')]
    assert cards.count('<details class="card contradiction"') == 2
    assert '<span class="badge apparent"' in cards
    first = cards[: cards.index("Denied sending any drones")]
    assert "Gulf Wire · 2022-11-04" in first and "Caspian Times · 2022-11-05" in first


def test_render_report_framing_per_outlet(ledger: Ledger) -> None:
    html = render_report(ledger)
    framing = html[html.index('<section id="framing"') : html.index('<section id="statements"')]
    assert "Gulf Wire" in framing and "Caspian Times" in framing
    assert '<span class="cue-word">claim</span>' in framing
    assert "Quoted" in framing and "Paraphrased" in framing
    # the chart: one bar per reporting verb, coloured by the speaker's camp, its label as text
    assert re.search(r'<span class="bar-label">claim</span><span class="bar-track"><span class="bar-fill">'
                     r'<span class="bar-part camp-support"', framing)


def test_render_report_renders_an_empty_ledger(db_path: Path) -> None:
    with Ledger.open(db_path) as ledger:
        html = render_report(ledger)
    assert "No articles yet" in html and "No publication dates known" in html


def test_write_report_writes_one_file(ledger: Ledger, tmp_path: Path) -> None:
    path = write_report(ledger, tmp_path / "out" / "report.html")
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_highlight_cuts_nested_spans_without_losing_text() -> None:
    text = 'He said Tehran "denied it" today.'
    outer = Statement("s1", "a", Span(8, 32, text[8:32]), "mixed", speaker=Span(0, 2, "He"))
    inner = Statement("s2", "a", Span(16, 25, text[16:25]), "direct")
    segments = highlight(text, [outer, inner])
    assert "".join(seg.text for seg in segments) == text
    assert Segment("denied it", ("content",), ("s2",), ("s1", "s2")) in segments
    assert segments[0] == Segment("He", ("speaker",), ())


def test_render_report_shows_a_dash_for_unknown_values(ledger: Ledger) -> None:
    html = render_report(ledger)
    assert ">None<" not in html  # `none` in a template is Jinja's None, not the dash
    assert "<td>—</td>" in html


def test_render_report_contradiction_cards_best_founded_first(ledger: Ledger) -> None:
    reversal, dispute = ledger.contradictions()
    stronger = dataclasses.replace(dispute, strength=0.8)  # the dispute now outranks the reversal (0.62)
    ledger.replace_analysis(dataclasses.replace(story.analysis(story.parsed_articles()),
                                                contradictions=[reversal, stronger]))
    cards = render_report(ledger)
    cards = cards[cards.index('id="contradictions"') : cards.index('id="framing"')]
    # the dispute's card comes first and keeps its anchor (c-1), which the timeline links to
    assert cards.index('id="c-1"') < cards.index('id="c-0"')
    assert cards.index("strength 0.80") < cards.index("strength 0.62")


def test_render_report_notes_articles_stored_but_not_analysed(db_path: Path) -> None:
    batch = story.parsed_articles()
    german = dataclasses.replace(batch[0].article, id="a-german", title="Stadtrat streitet", language="de",
                                 analysed=False)
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(batch)
        assert "not analysed" not in render_report(ledger)
        ledger.add_parsed([ParsedArticle(german)])
        html = render_report(ledger)
    overview = html[html.index('id="overview"') : html.index('id="positions"')]
    assert "1 article(s) stored but not analysed:" in overview and "de 1" in overview
    card = html[html.index('id="art-a-german"') :]
    assert "de: stored, not analysed (no model for this language)" in card[: card.index("</p>")]


# Issue 19: the report filters contradiction cards by strength, as the app does.
def test_render_report_contradiction_cards_carry_their_strength_for_the_filter(ledger: Ledger) -> None:
    html = render_report(ledger)
    cards = html[html.index('id="contradictions"') : html.index('id="framing"')]
    assert 'data-cards="contradiction"' in cards and 'name="min"' in cards
    assert 'data-strength="0.62"' in cards


# Issue 21: the report names its story.
def test_render_report_is_titled_by_the_most_covered_contested_proposition(ledger: Ledger) -> None:
    html = render_report(ledger)
    assert "<title>Iran supplied drones to Russia · claimledger report</title>" in html
    assert re.search(r"<h1><a [^>]*>Iran supplied drones to Russia</a></h1>", html)
    assert "Claim ledger" not in html


def test_render_report_takes_the_title_it_is_given(ledger: Ledger, tmp_path: Path) -> None:
    html = write_report(ledger, tmp_path / "report.html", title="Drones <for> Russia").read_text(encoding="utf-8")
    assert "<title>Drones &lt;for&gt; Russia · claimledger report</title>" in html
    assert ">Drones &lt;for&gt; Russia</a></h1>" in html


def test_render_report_without_a_contested_proposition_is_titled_by_shared_title_words(db_path: Path) -> None:
    with Ledger.open(db_path) as ledger:
        assert "<title>Claim ledger · claimledger report</title>" in render_report(ledger)  # nothing to name it by
        ledger.add_parsed(story.parsed_articles())  # "Iran denies sending drones to Russia", "Tehran admits drones…"
        html = render_report(ledger)
    assert "<title>Drones Russia · claimledger report</title>" in html


# Issue 21: actors are those who speak or are spoken for; the other entities are only mentioned.
def test_render_report_counts_actors_apart_from_the_entities_mentioned(ledger: Ledger) -> None:
    named = [
        Entity("iran", "GPE", "Iran", ["Iran"]),  # the foreign minister's role names it: spoken for
        Entity("russia", "GPE", "Russia", ["Russia"]),
        Entity("ukraine", "GPE", "Ukraine", ["Ukraine"]),
    ]
    analysis = story.analysis(story.parsed_articles())
    ledger.replace_analysis(dataclasses.replace(analysis, entities=analysis.entities + named))
    html = render_report(ledger)
    overview = html[html.index('id="overview"') : html.index('id="positions"')]
    assert "<dt>Actors</dt><dd>3</dd>" in overview and "<dt>Mentioned</dt><dd>2</dd>" in overview
    actors = html[html.index('<section id="actors"') : html.index("</section>", html.index('<section id="actors"'))]
    table, mentioned = actors.split('<details class="mentioned"')
    assert all(f'id="ent-{eid}"' in table for eid in (story.PERSIAN, story.BLINKEN, "iran"))
    assert "Mentioned: 2" in mentioned and 'id="ent-russia"' in mentioned and 'id="ent-ukraine"' in mentioned
    assert 'id="ent-russia"' not in table and 'id="ent-ukraine"' not in table
