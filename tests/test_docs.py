"""The README documents every command, server setting and view."""

from __future__ import annotations

from pathlib import Path

import claimledger.report
import claimledger.server
from claimledger.cli import app
from claimledger.report._story import SECTIONS
from claimledger.server import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    groups = [g.name for g in app.registered_groups]
    assert "serve" in commands
    for name in commands + groups:
        assert f"`claimledger {name}" in README, name


def test_every_server_setting_is_in_the_readme() -> None:
    for setting in SETTINGS:
        assert f"--{setting.name.replace('_', '-')}" in README, setting.name


def test_every_view_is_in_the_readme() -> None:
    for _, title in SECTIONS:
        assert f"**{title}**" in README, title
    assert "claimledger.open(" in README and "claimledger.analyze(" in README


def test_view_packages_pin_their_public_names() -> None:
    assert claimledger.server.__all__ == sorted(claimledger.server.__all__)
    assert claimledger.report.__all__ == ["render_page", "render_report", "write_report"]


def test_every_stance_backend_is_in_the_readme() -> None:
    from claimledger.claims.stance import stance_backends

    for name in stance_backends.names():
        assert f"`{name}`" in README and f"--stance rules\\|entail\\|model\\|nli\\|llm" in README, name


def test_the_readme_statement_example_is_what_the_demo_story_exports(harbor_db) -> None:
    # The example is copied from a real export; this keeps it from drifting as the pipeline changes.
    import json
    import re

    from claimledger.store import Ledger
    from claimledger.store.export import ledger_to_dict

    block = re.search(r"A statement looks like:\n\n```json\n(.*?)\n```", README, re.DOTALL).group(1)
    example = json.loads(re.sub(r'"(id|article_id)": "[^"]*…"', r'"\1": null', block))
    with Ledger.open(harbor_db, create=False) as ledger:
        export = ledger_to_dict(ledger)
    [exported] = [s for s in export["statements"] if s["content_text"] == example["content_text"]]
    for field, value in example.items():
        if field not in ("id", "article_id"):
            assert exported[field] == value, field
    for field in ("id", "article_id"):
        assert exported[field].startswith(re.search(rf'"{field}": "([^"]*)…"', block).group(1)), field
