"""Reading PolNeAR compartments: BRAT standoff, discontinuous spans, several annotators."""

from __future__ import annotations

import pytest

from claimledger.errors import InputError
from claimledger.evaluate.polnear import load_polnear
from claimledger.records import SpanRelation

TEXT = "Mayor Lena Ortega said that the river,\r\nshe insisted, was safe. Critics disagreed.\n"


def _write(root, name="harbor", annotations=None):
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "attributions").mkdir(exist_ok=True)
    (root / "text" / f"{name}.txt").write_bytes(TEXT.encode("utf-8"))
    for annotator, lines in (annotations or {}).items():
        (root / "attributions" / f"{name}_{annotator}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def test_reads_relations_with_discontinuous_content_and_crlf(tmp_path):
    source, cue = _find(TEXT, "Mayor Lena Ortega"), _find(TEXT, "said")
    part1, part2 = _find(TEXT, "that the river,"), _find(TEXT, "was safe.")
    _write(tmp_path, annotations={"ab12": [
        f"T1\tSource {source[0]} {source[1]}\tMayor Lena Ortega",
        f"T2\tCue {cue[0]} {cue[1]}\tsaid",
        f"T3\tContent {part1[0]} {part1[1]};{part2[0]} {part2[1]}\tthat the river, was safe.",
        f"T4\tAttribution {cue[0]} {cue[1]}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ]})
    (annotated,) = load_polnear(tmp_path)
    assert annotated.name == "harbor_ab12"
    assert "\r\n" in annotated.text  # offsets count the carriage return
    (relation,) = annotated.relations
    assert relation.source == (source,)
    assert relation.cue == (cue,)
    assert [annotated.text[s:e] for s, e in relation.content] == ["that the river,", "was safe."]


def test_relation_without_source_and_one_document_per_annotator(tmp_path):
    cue, content = _find(TEXT, "disagreed"), _find(TEXT, "Critics")
    lines = [
        f"T1\tCue {cue[0]} {cue[1]}\tdisagreed",
        f"T2\tContent {content[0]} {content[1] + 1}\tCritics ",  # a trailing blank is not part of the span
        "E1\tAttribution:T1 Content:T2 Cue:T1",
    ]
    _write(tmp_path, annotations={"ab12": lines, "cd34": lines})
    first, second = load_polnear(tmp_path)
    assert (first.name, second.name) == ("harbor_ab12", "harbor_cd34")
    assert first.relations == [SpanRelation(cue=(cue,), content=(content,), source=())]


def test_not_a_compartment(tmp_path):
    with pytest.raises(InputError, match="E044") as error:
        load_polnear(tmp_path)
    assert str(tmp_path) in str(error.value)


def test_annotation_without_its_text(tmp_path):
    _write(tmp_path, annotations={"ab12": []})
    (tmp_path / "attributions" / "elsewhere_ab12.ann").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="E045.*elsewhere"):
        load_polnear(tmp_path)


@pytest.mark.parametrize(
    "line",
    [
        "T1\tCue 5 9;12\tsaid",  # a fragment with one offset
        "T1\tCue 5 9000\tsaid",  # a span past the end of the text
        "E1\tAttribution:T1 Content",  # a role without its span
    ],
)
def test_malformed_annotation_names_the_file(tmp_path, line):
    _write(tmp_path, annotations={"ab12": [line]})
    with pytest.raises(InputError, match="E046") as error:
        load_polnear(tmp_path)
    assert "harbor_ab12.ann" in str(error.value)
