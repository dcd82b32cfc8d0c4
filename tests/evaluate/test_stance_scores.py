"""The stance scorer against hand-computed values, and the FNC-1 / Emergent readers on real-format files."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.evaluate._csv import write_rows
from claimledger.evaluate.emergent import read_emergent
from claimledger.evaluate.fnc1 import is_heldout, read_fnc1
from claimledger.evaluate.stances import EMERGENT_LABELS, score_fnc, score_labels, summary_line

GOLD = ["agree", "disagree", "discuss", "unrelated", "unrelated", "agree"]
PREDICTED = ["agree", "discuss", "discuss", "unrelated", "agree", "unrelated"]


def test_fnc_score_by_hand():
    scores = score_fnc(GOLD, PREDICTED)
    # 1 (agree exact) + .25 (disagree read as related) + 1 (discuss exact) + .25 (unrelated right) + 0 + 0
    assert scores.score == pytest.approx(2.5)
    # 1 per related gold pair, .25 per unrelated one
    assert scores.max_score == pytest.approx(4.5)
    assert scores.percent == pytest.approx(100 * 2.5 / 4.5)


def test_per_class_and_macro_f1_by_hand():
    scores = score_fnc(GOLD, PREDICTED).labels
    f1 = {label: prf.f1 for label, prf in scores.per_class.items()}
    assert f1 == pytest.approx({"agree": 0.5, "disagree": 0.0, "discuss": 2 / 3, "unrelated": 0.5})
    assert scores.macro_f1 == pytest.approx((0.5 + 0 + 2 / 3 + 0.5) / 4)
    assert scores.accuracy.hit == 3 and scores.accuracy.total == 6
    # rows are gold, columns predicted
    assert scores.confusion == ((1, 0, 0, 1), (0, 0, 1, 0), (0, 0, 1, 0), (1, 0, 0, 1))
    line = summary_line(scores, score_fnc(GOLD, PREDICTED))
    assert line.startswith("FNC score 55.56% of max (2.50/4.50); accuracy 50.00% (3/6); macro-F1 0.4167")


def test_emergent_labels_score():
    gold = ["for", "against", "observing", "for"]
    scores = score_labels(gold, ["for", "observing", "observing", "against"], EMERGENT_LABELS)
    assert scores.accuracy.ratio == pytest.approx(0.5)
    assert scores.per_class["observing"].f1 == pytest.approx(2 / 3)


BODIES = (
    'Body ID,articleBody\n6,"Officials denied the report.\n\nThey said it was a hoax."\n'
    '7,"A second, longer body."\n'
)
STANCES = "Headline,Body ID,Stance\nFerry inspections were cut,6,disagree\nFerry inspections were cut,7,unrelated\n"


@pytest.fixture
def fnc_files(tmp_path: Path) -> tuple[Path, Path]:
    bodies, stances = tmp_path / "bodies.csv", tmp_path / "stances.csv"
    bodies.write_text(BODIES, encoding="utf-8")
    stances.write_text(STANCES, encoding="utf-8")
    return bodies, stances


def test_fnc1_reader_joins_bodies_and_keeps_rows(fnc_files):
    pairs = read_fnc1(*fnc_files)
    assert [(p.body_id, p.stance) for p in pairs] == [("6", "disagree"), ("7", "unrelated")]
    assert pairs[0].body == "Officials denied the report.\n\nThey said it was a hoax."
    assert pairs[0].row == {"Headline": "Ferry inspections were cut", "Body ID": "6", "Stance": "disagree"}
    assert pairs[1].line == 3


def test_the_split_is_by_body_and_fixed(fnc_files):
    # CRC-32 of "6" is divisible by 5, of "7" not: the split needs no seed and no state.
    assert is_heldout("6") and not is_heldout("7")
    assert [p.body_id for p in read_fnc1(*fnc_files, split="heldout")] == ["6"]
    assert [p.body_id for p in read_fnc1(*fnc_files, split="train")] == ["7"]


def test_the_split_holds_out_about_a_fifth_of_the_bodies():
    held = sum(is_heldout(str(i)) for i in range(3000))
    assert 0.17 < held / 3000 < 0.23


def test_predictions_keep_every_input_column(fnc_files, tmp_path):
    pairs = read_fnc1(*fnc_files)
    out = tmp_path / "predictions.csv"
    write_rows(out, [p.row for p in pairs], ["agree", "unrelated"])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Headline,Body ID,Stance,Predicted"
    assert lines[1] == "Ferry inspections were cut,6,disagree,agree"


@pytest.mark.parametrize(
    ("which", "content", "message"),
    [
        ("stances", None, "E050 cannot read the FNC-1 file .*stances.csv: file not found"),
        ("stances", "Headline,Body,Stance\nx,6,agree\n",
         r"E051 .*stances.csv is not an FNC-1 stances file: no column 'Body ID'"),
        ("stances", "Headline,Body ID,Stance\nx,6,agreed\n", r"E052 .*stances.csv line 2: unknown stance 'agreed'"),
        ("stances", "Headline,Body ID,Stance\nx,6,agree\nx,99,agree\n",
         r"E053 .*stances.csv line 3 refers to Body ID 99"),
        ("bodies", b"Body ID,articleBody\n6,\xff\xfe caf\xe9\n",
         "E050 cannot read the FNC-1 file .*bodies.csv: .*utf-8"),
        ("bodies", "",
         r"E051 .*bodies.csv is not an FNC-1 bodies file: no column 'Body ID', 'articleBody' \(the file is empty\)"),
    ],
)
def test_bad_fnc1_files_give_one_line_naming_the_file(fnc_files, which, content, message):
    bodies, stances = fnc_files
    target = bodies if which == "bodies" else stances
    if content is None:
        target.unlink()
    elif isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_fnc1(bodies, stances)
    assert "\n" not in str(caught.value)


def test_emergent_reader(tmp_path):
    path = tmp_path / "emergent.csv"
    path.write_text(
        "id,claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n"
        '0,A ferry sank,"Ferry sank, officials confirm",for,a1,c1\n'
        "1,A ferry sank,Ferry sinking report is a hoax,against,a2,c1\n",
        encoding="utf-8",
    )
    pairs = read_emergent(path)
    assert [(p.claim_id, p.stance) for p in pairs] == [("c1", "for"), ("c1", "against")]
    assert pairs[0].headline == "Ferry sank, officials confirm"
    path.write_text("claimHeadline,articleHeadline,articleHeadlineStance,claimId\nx,y,supports,c1\n", encoding="utf-8")
    with pytest.raises(InputError, match="E052 .*line 2: unknown stance 'supports'"):
        read_emergent(path)
    path.write_text("claimHeadline,articleHeadline\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="E051 .* is not an Emergent file: no column 'articleHeadlineStance'"):
        read_emergent(path)
