"""The server's settings: one table of name, default and help.

It feeds `claimledger serve --help`, `create_app`/`serve` defaults and the
README (a test checks that every setting is documented). Nothing heavy is
imported here, so the CLI can build its options without loading the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["DEFAULTS", "SETTINGS", "TOKEN_VARIABLE", "Setting"]


@dataclass(frozen=True)
class Setting:
    """`name` is the keyword of `serve` and, with dashes, the CLI option."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "127.0.0.1", "Address to listen on; the default is reachable from this machine only."),
    Setting("port", 8000, "Port to listen on."),
    Setting("token", None, "Allow adding articles (POST /api/articles) to requests bearing this token; "
                           "read from $CLAIMLEDGER_TOKEN when not given. Without one, uploads are off."),
    Setting("max_upload_bytes", 2_000_000, "Largest article body POST /api/articles accepts."),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}
TOKEN_VARIABLE = "CLAIMLEDGER_TOKEN"
