"""Rendering a ledger as HTML: the self-contained report, and the web app's pages.

Both render the same section templates (`templates/sections/`) from the same
`Story`; only the links differ (fragments of one page, or the app's paths)
and where the CSS and script come from (inlined in the report, so it can be
mailed or opened offline; `/static/` for the app). Autoescaping is on: article
text is data, and whatever markup it contains is shown, never run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from ..errors import Errors, LedgerError
from ..records import STATEMENT_KINDS, Article
from ..store import SCHEMA_VERSION, Ledger
from ..views._index import NONE, LedgerIndex
from ._camps import CAMP_ORDER
from ._links import PageLinks, ReportLinks, evidence_id
from ._model import STANCE_SYMBOLS, safe_url
from ._story import SECTIONS, Story
from ._title import DEFAULT_TITLE

__all__ = ["render_page", "render_report", "write_report"]

CAMP_SYMBOLS = {**{label: STANCE_SYMBOLS[label] for label in ("support", "deny", "hedge")}, "unaligned": "○"}

#: How the legend and tooltips name each camp (after the story's pivot proposition).
CAMP_NAMES = {"support": "supports", "deny": "denies", "hedge": "hedges", "unaligned": "no side taken"}

_env = Environment(
    loader=ChoiceLoader([
        PackageLoader("claimledger.report", "templates"),
        PackageLoader("claimledger.report", "static"),  # inlined into the report
    ]),
    autoescape=True,
    undefined=StrictUndefined,  # a typo in a template fails the tests, not silently
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_env.globals.update(
    symbols=STANCE_SYMBOLS,
    camp_symbols=CAMP_SYMBOLS,
    camp_order=CAMP_ORDER,
    camp_names=CAMP_NAMES,
    kinds=STATEMENT_KINDS,
    dash=NONE,  # not `none`: in Jinja that is the literal None
    schema=SCHEMA_VERSION,
    evidence_id=evidence_id,
    all_sections=SECTIONS,
)
_env.filters["safe_url"] = safe_url


def _context(story: Story | None, links: ReportLinks) -> dict:
    return {
        "story": story,
        "index": story.index if story else None,
        "links": links,
        "story_title": story.title if story else DEFAULT_TITLE,
    }


def render_report(ledger: Ledger, *, title: str | None = None) -> str:
    """The HTML report of `ledger`, as a string, headed `title` (by default, the
    story's most-covered contested proposition: `Story.default_title`)."""
    story = Story(LedgerIndex(ledger), title)
    return _env.get_template("report.html.j2").render(
        **_context(story, ReportLinks()),
        sections=[name for name, _ in SECTIONS],
        current=None,
        articles=list(story.index.articles.values()),
        show_text=True,
        skipped=ledger.skipped_log(),
    )


def render_page(
    story: Story | None,
    sections: Sequence[str],
    *,
    title: str,
    current: str | None = None,
    articles: Sequence[Article] = (),
    show_text: bool = False,
    message: str | None = None,
) -> str:
    """One page of the web app: `sections` of the report, linking between pages
    (`story` may be None for a page with only a `message`, such as an error).
    `title` is the page's; the header names the story (`Story.title`)."""
    return _env.get_template("page.html.j2").render(
        **_context(story, PageLinks()),
        sections=sections,
        current=current,
        title=title,
        articles=articles,
        show_text=show_text,
        message=message,
    )


def write_report(ledger: Ledger, path: Path | str, *, title: str | None = None) -> Path:
    """Write the HTML report of `ledger`, headed `title` (see `render_report`), to `path` and return it."""
    target = Path(path)
    html = render_report(ledger, title=title)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    except OSError as e:
        raise LedgerError(Errors.E027.format(path=target, reason=e.strerror or e)) from e
    return target
