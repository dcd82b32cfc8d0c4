"""`render_report`: the whole ledger as one self-contained HTML page.

The page has no external assets (CSS and the small filter script are
inlined), so it can be mailed or opened offline. Autoescaping is on: article
text is data, and whatever markup it contains is shown, never run.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..errors import Errors, LedgerError
from ..records import Statement
from ..store import SCHEMA_VERSION, Ledger
from ..views._index import NONE, LedgerIndex
from ._model import STANCE_SYMBOLS, framing_by_outlet, highlight, position_matrix, safe_url

__all__ = ["render_report", "write_report"]

_env = Environment(
    loader=PackageLoader("claimledger.report", "templates"),
    autoescape=True,
    undefined=StrictUndefined,  # a typo in the template fails the tests, not silently
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_env.globals.update(symbols=STANCE_SYMBOLS, none=NONE, schema=SCHEMA_VERSION)
_env.filters["safe_url"] = safe_url


def render_report(ledger: Ledger) -> str:
    """The HTML report of `ledger`, as a string."""
    index = LedgerIndex(ledger)
    by_article: dict[str, list[Statement]] = defaultdict(list)
    for s in index.statements.values():
        by_article[s.article_id].append(s)
    dates = sorted(a.published_at for a in index.articles.values() if a.published_at)
    return _env.get_template("report.html.j2").render(
        index=index,
        outlets=sorted({a.outlet for a in index.articles.values() if a.outlet}),
        dates=(dates[0], dates[-1]) if dates else None,
        texts={a: highlight(index.articles[a].text, by_article[a]) for a in index.articles},
        matrix=position_matrix(ledger.positions()),
        contradictions=ledger.contradictions(),
        framing=framing_by_outlet(ledger.framing()),
        skipped=ledger.skipped_log(),
    )


def write_report(ledger: Ledger, path: Path | str) -> Path:
    """Write the HTML report of `ledger` to `path` and return it."""
    target = Path(path)
    html = render_report(ledger)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    except OSError as e:
        raise LedgerError(Errors.E027.format(path=target, reason=e.strerror or e)) from e
    return target
