"""Reading PolNeAR (Newell et al., LREC 2018) compartments.

A compartment is a folder with `text/<name>.txt` and `attributions/<name>_<annotator>.ann`
in BRAT standoff format. A text annotated by several annotators gives one
`AnnotatedText` per annotation file, all sharing the text: each is scored (and
trained on) as its own document, so no annotator's judgment is silently preferred.

Spans may be discontinuous ("2103 2168;2170 2425"); they are kept as their
fragments, and a relation's `Content2` adds its fragments to the content. `Discuss`, `Discard` and `Attribution` entries are bookkeeping of the
annotation tool, not spans of a relation, and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import input_error
from ..records import Fragments, SpanRelation


@dataclass(slots=True)
class AnnotatedText:
    """One annotation of one text: its name, the text and its relations.

    `name` is the annotation file's stem (`harbor_ab12`), `text_name` the text's (`harbor`).
    """

    name: str
    text: str
    relations: list[SpanRelation] = field(default_factory=list)
    text_name: str = ""


_SPAN_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_RELATION_LINE = re.compile(r"^E\d+\t(.*)$")


def _fragments(text: str, offsets: str) -> Fragments:
    fragments = []
    for part in offsets.split(";"):
        start, end = (int(n) for n in part.split())
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}-{end} lies outside the text ({len(text)} characters)")
        # Annotators' spans sometimes carry surrounding blanks; spans are compared without them.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            fragments.append((start, end))
    return tuple(fragments)


def read_annotation(path: Path, text: str) -> list[SpanRelation]:
    """The relations of one `.ann` file over `text`; `InputError` E046 when it cannot be read."""
    try:
        return _read_annotation(path, text)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise input_error("E046", source=str(path), reason=error) from error


def _read_annotation(path: Path, text: str) -> list[SpanRelation]:
    spans: dict[str, Fragments] = {}
    relations: list[SpanRelation] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    # Other lines are skipped: a span's text may run over several lines.
    for line in lines:
        if m := _SPAN_LINE.match(line):
            spans[m.group(1)] = _fragments(text, m.group(3))
    for line in lines:
        if m := _RELATION_LINE.match(line):
            roles: dict[str, Fragments] = {}
            for arg in m.group(1).split():
                role, tid = arg.split(":", 1)
                # "Content2": a further piece of the content
                role = role.rstrip("0123456789")
                roles[role] = tuple(sorted(set(roles.get(role, ()) + spans.get(tid, ()))))
            if "Cue" not in roles or "Content" not in roles:
                continue
            relations.append(
                SpanRelation(cue=roles["Cue"], content=roles["Content"], source=roles.get("Source", ()))
            )
    return relations


def load_polnear(directory: str | Path) -> list[AnnotatedText]:
    """Every annotation of a PolNeAR compartment (a folder with text/ and attributions/)."""
    directory = Path(directory)
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise input_error("E044", source=str(directory), reason="text/ or attributions/ is missing")
    texts = {path.stem: path for path in sorted(text_dir.glob("*.txt"))}
    annotated = []
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0] if ann.stem not in texts else ann.stem
        if name not in texts:
            raise input_error("E045", source=str(ann), name=name)
        # newline="" keeps "\r\n" as written: the annotation offsets count it.
        try:
            with open(texts[name], encoding="utf-8", newline="") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise input_error("E046", source=str(texts[name]), reason=error) from error
        annotated.append(AnnotatedText(ann.stem, text, read_annotation(ann, text), name))
    return annotated
