"""Attribution on sentences written for these tests (no sample-story text)."""

from __future__ import annotations


def _by_content(parsed):
    return {s.content.text: s for s in parsed.statements}


def test_extract_statements_indirect_said_that(analyse):
    parsed = analyse("Harbor News\nMayor Lena Ortega said on Monday that the river was safe to swim in.\n")
    (statement,) = [s for s in parsed.statements if s.cue_lemma == "say"]
    assert statement.speaker.text == "Mayor Lena Ortega"
    assert statement.content.text == "the river was safe to swim in"
    assert statement.kind == "indirect"
    assert statement.said_at_text == "on Monday"


def test_extract_statements_direct_quote_after_cue(analyse):
    parsed = analyse("Title\n“We have released nothing into the water,” the spokeswoman said.\n")
    (statement,) = parsed.statements
    assert statement.kind == "direct"
    assert statement.content.text == "We have released nothing into the water"
    assert statement.speaker.text == "the spokeswoman"


def test_extract_statements_according_to(analyse):
    parsed = analyse("Title\nThe plant leaked solvent for three days, according to inspector Maya Brandt.\n")
    (statement,) = [s for s in parsed.statements if s.kind == "according_to"]
    assert statement.speaker.text == "inspector Maya Brandt"
    assert statement.content.text == "The plant leaked solvent for three days"


def test_extract_statements_denial_takes_object(analyse):
    parsed = analyse("Title\nThe company firmly rejected the allegations of a leak.\n")
    (statement,) = parsed.statements
    assert statement.cue_lemma == "reject"
    assert statement.content.text == "the allegations of a leak"


def test_extract_statements_negated_cue(analyse):
    parsed = analyse("Title\nThe company did not deny reports that the filters had failed.\n")
    (statement,) = [s for s in parsed.statements if s.cue_lemma == "deny"]
    assert statement.cue_negated
    assert statement.cue.text == "did not deny"


def test_extract_statements_coordinated_speakers_split(analyse):
    parsed = analyse("Title\nBoth Norland and Westmark have repeatedly denied claims that they shared the data.\n")
    speakers = sorted(s.speaker.text for s in parsed.statements if s.cue_lemma == "deny")
    assert len(speakers) == 2
    assert any("Norland" in s for s in speakers) and any("Westmark" in s for s in speakers)


def test_extract_statements_headline_colon(analyse):
    parsed = analyse("Ortega: river cleanup will take years\nThe mayor spoke in the morning.\n")
    (statement,) = [s for s in parsed.statements if s.cue_lemma == ":"]
    assert statement.speaker.text == "Ortega"
    assert statement.content.text == "river cleanup will take years"


def test_extract_statements_offsets_index_text(analyse):
    text = "Title\n“It is over,” Ortega said, “and we move on.” Brandt claimed that the data was hidden.\n"
    parsed = analyse(text)
    assert parsed.statements
    for s in parsed.statements:
        assert text[s.content.start : s.content.end] == s.content.text
        if s.speaker:
            assert text[s.speaker.start : s.speaker.end] == s.speaker.text


def test_extract_statements_nested_statement_linked_to_parent(analyse):
    parsed = analyse("Title\nBrandt said that the company denied the leak for weeks.\n")
    inner = next(s for s in parsed.statements if s.cue_lemma == "deny")
    outer = next(s for s in parsed.statements if s.cue_lemma == "say")
    assert inner.parent_id == outer.id


# --- repairs of parses the small spaCy model gets wrong -------------------------


def test_participle_before_a_subjectless_cue_gives_the_speaker(analyse):
    parsed = analyse(
        "Boat sales\nNorland commenting on the possible delivery of boats to Westmark said Wednesday that "
        "its cooperation with Westmark predates the war.\n"
    )
    said = [s for s in parsed.statements if s.cue_lemma == "say"]
    assert [(s.speaker.text, s.content.text) for s in said] == [
        ("Norland", "its cooperation with Westmark predates the war")
    ]
    assert said[0].said_at_text == "Wednesday"
    assert not [s for s in parsed.statements if s.cue_lemma == "comment"]


def test_denial_misparsed_as_adjective_of_claims(analyse):
    parsed = analyse(
        "Title\nIn a call with his counterpart on Friday, Norland Foreign Minister Arvid Lund once more denied "
        "claims made by the opposition that those ministers had sold boats to Westmark for use in the dispute, "
        "urging calm.\n"
    )
    denied = [s for s in parsed.statements if s.cue_lemma == "deny"]
    assert len(denied) == 1
    assert denied[0].speaker.text.endswith("Arvid Lund")
    assert denied[0].content.text.startswith("claims made by the opposition that those ministers had sold boats")


def test_reflexive_subject_borrows_the_pronoun_on_the_auxiliary(analyse):
    parsed = analyse(
        "Title\nMinister Arvid Lund further stated that last year he had himself asked Westmark to submit "
        "its alleged evidence to Norland officials.\n"
    )
    asked = [s for s in parsed.statements if s.cue_lemma == "ask"]
    assert [(s.speaker.text, s.content.text) for s in asked] == [
        ("he", "to submit its alleged evidence to Norland officials")
    ]


# --- who speaks: subjects, repeated cues, quoted posts, headline sources ---------


def test_subject_hung_on_the_auxiliary_is_the_speaker(analyse):
    # The parser hangs "The Northern Alliance" on "has", not on "rejected".
    parsed = analyse("Title\nThe Northern Alliance has, on several occasions, firmly rejected the allegations.\n")
    (rejected,) = [s for s in parsed.statements if s.cue_lemma == "reject"]
    assert rejected.speaker.text == "The Northern Alliance"


def test_repeated_cue_joined_to_the_first_content_keeps_the_first_speaker(analyse):
    # "said that A but said B", with the second "said" parsed as part of A.
    parsed = analyse(
        "Title\nThe Norland foreign minister said last week that his country sold patrol boats to Westmark "
        "but said the sale happened before the border dispute.\n"
    )
    said = [(s.speaker.text, s.content.text) for s in parsed.statements if s.cue_lemma == "say"]
    assert said == [
        ("The Norland foreign minister", "his country sold patrol boats to Westmark"),
        ("The Norland foreign minister", "the sale happened before the border dispute"),
    ]


def test_quote_of_a_tweet_from_someone_is_theirs_not_the_responder_s(analyse):
    parsed = analyse(
        "Title\nThe Norland envoy, Arvid Lund, responded to a tweet from the Westmark Foreign Minister Karin Holm "
        "on Friday by making similar charges against Norland, \"During my visit to the summit I showed them a part "
        "of a damaged boat. Norland must stop arming the rebels or face consequences.\"\n"
    )
    (tweet,) = [s for s in parsed.statements if s.content.text.startswith("During my visit")]
    assert tweet.speaker.text == "the Westmark Foreign Minister Karin Holm"
    assert tweet.cue.text == "tweet" and tweet.kind == "direct"
    (response,) = [s for s in parsed.statements if s.cue_lemma == "respond"]
    assert response.speaker.text == "The Norland envoy, Arvid Lund"
    assert response.content.text.endswith("similar charges against Norland")
    assert response.kind == "indirect"


def test_quote_after_a_tweet_taken_up_by_a_reporting_verb_stays_the_reporter_s(analyse):
    parsed = analyse(
        "Title\nArvid Lund responded to a tweet from Karin Holm on Friday, saying, \"Norland has never armed "
        "the rebels and never will.\"\n"
    )
    assert not [s for s in parsed.statements if s.speaker and "Holm" in s.speaker.text]


def test_tweeted_and_wrote_on_twitter_give_the_quote_to_the_writer(analyse):
    for cue in ("tweeted", "wrote on Twitter"):
        parsed = analyse(f"Title\nMinister Karin Holm {cue}: \"Norland must stop arming the rebels at once.\"\n")
        (statement,) = parsed.statements
        assert statement.speaker.text.endswith("Karin Holm"), cue
        assert statement.content.text == "Norland must stop arming the rebels at once"


def test_headline_claim_closed_by_its_source(analyse):
    parsed = analyse("Norland asks Westmark to stop selling boats to the rebels: Report\nThe talks went on.\n")
    headlines = [(s.speaker.text, s.content.text) for s in parsed.statements if s.cue_lemma == ":"]
    assert headlines == [("Report", "Norland asks Westmark to stop selling boats to the rebels")]
    assert ("Report", "PERSON") not in {(m.text, m.label) for m in parsed.mentions}


def test_said_verb_whose_object_is_a_relative_pronoun_leaves_the_stray_noun_out(analyse):
    # "boats, which residents claim Valdor is using": the parser coordinates "spare parts"
    # with "using", whose object is "which"; the parts belong to "selling", outside the claim.
    parsed = analyse(
        "Title\nThe port is pressing the firm to stop selling armed boats to Valdor, which residents claim "
        "Valdor is using in the strike, as well as spare parts for the boats, the daily said.\n"
    )
    (claim,) = [s for s in parsed.statements if s.cue_lemma == "claim"]
    assert claim.speaker.text == "residents"
    assert claim.content.text == "Valdor is using in the strike"


def test_said_verb_with_its_own_object_keeps_the_coordinated_noun(analyse):
    parsed = analyse("Title\nOfficials said the mill is dumping solvent in the river, as well as old barrels.\n")
    (statement,) = parsed.statements
    assert statement.content.text == "the mill is dumping solvent in the river, as well as old barrels"
