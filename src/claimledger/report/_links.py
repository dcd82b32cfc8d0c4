"""Where a view links to: fragments of the one report page, or the web app's pages.

The templates never build a URL themselves; they ask `links`, so the same
template serves the self-contained report and the server's pages.
"""

from __future__ import annotations

from urllib.parse import quote

from ..records import Statement

__all__ = ["PageLinks", "ReportLinks", "evidence_id"]


def evidence_id(entity_id: str, proposition_id: str) -> str:
    """The element id of the evidence behind one cell of the position matrix."""
    return f"ev-{entity_id}--{proposition_id}"


class ReportLinks:
    """Links inside the single report page."""

    def section(self, name: str) -> str:
        return f"#{name}"

    def article(self, article_id: str) -> str:
        return f"#art-{article_id}"

    def statement(self, statement: Statement) -> str:
        return f"#st-{statement.id}"

    def proposition(self, proposition_id: str) -> str:
        return f"#prop-{proposition_id}"

    def entity(self, entity_id: str) -> str:
        return f"#ent-{entity_id}"

    def evidence(self, entity_id: str, proposition_id: str) -> str:
        return f"#{evidence_id(entity_id, proposition_id)}"

    def contradiction(self, index: int) -> str:
        return f"#c-{index}"


class PageLinks(ReportLinks):
    """Links between the pages of `claimledger serve`."""

    def section(self, name: str) -> str:
        return "/" if name == "overview" else f"/{name}"

    def article(self, article_id: str) -> str:
        return f"/articles/{quote(article_id, safe='')}"

    def statement(self, statement: Statement) -> str:
        return f"{self.article(statement.article_id)}#st-{statement.id}"

    def proposition(self, proposition_id: str) -> str:
        return f"/propositions#prop-{proposition_id}"

    def entity(self, entity_id: str) -> str:
        return f"/actors#ent-{entity_id}"

    def evidence(self, entity_id: str, proposition_id: str) -> str:
        return f"/positions#{evidence_id(entity_id, proposition_id)}"

    def contradiction(self, index: int) -> str:
        return f"/contradictions#c-{index}"
