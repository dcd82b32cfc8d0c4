"""Bad input of every kind never stops a run: real files and a real server on loopback.

Each bad input gets one line naming it and the reason, the run goes on with
the rest, the summary counts what was skipped and the exit status is 2.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from loopback import standing_in
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.ingest import readers
from claimledger.store import Ledger

ARTICLE = (
    "Harbor reopens\nMayor Lena Ortega said on Monday that the harbor would reopen next week. "
    "The port authority denied that the water was unsafe.\n"
)
PAGE = (
    "<html><head><title>Ferry resumes</title></head><body><article><h1>Ferry resumes</h1>"
    "<p>Captain Ines Varga said on Tuesday that the ferry to Gull Island would run again from Friday, "
    "after inspectors cleared the hull of the old vessel.</p><p>The operator denied that repairs had been "
    "skipped and said every weld had been checked twice by the shipyard.</p></article></body></html>"
)


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/loop":
            self._send(302, b"", [("Location", "/loop")])
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, PAGE.encode(), [("Content-Type", "text/html")])
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            chunk = b"The council said the budget was balanced. " * 1000
            try:
                for _ in range(200):  # far more than the reader's limit, which the test lowers
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/feed-error":
            self._send(500, b"oops", [("Content-Type", "text/plain")])
        elif self.path == "/feed":
            port = self.server.server_address[1]
            rss = (
                "<?xml version='1.0'?><rss version='2.0'><channel><title>Harbor feed</title>"
                f"<item><title>Gone</title><link>http://127.0.0.1:{port}/gone</link></item>"
                f"<item><title>Ferry</title><link>http://127.0.0.1:{port}/page</link></item>"
                "</channel></rss>"
            )
            self._send(200, rss.encode(), [("Content-Type", "application/rss+xml")])
        elif self.path == "/page":
            self._send(200, PAGE.encode(), [("Content-Type", "text/html; charset=utf-8")])
        else:
            self._send(404, b"not here", [("Content-Type", "text/plain")])

    def _send(self, status: int, body: bytes, headers: list[tuple[str, str]]) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader gave up on us (the timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    with standing_in(_Site) as url:
        yield url


def _write_bad_files(folder: Path) -> None:
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    (folder / "empty.txt").write_text("")
    (folder / "damaged.txt").write_bytes(ARTICLE.replace("Mayor", "Maire Hélène").encode() + b"caf\xff\n")
    (folder / "utf16.txt").write_bytes(ARTICLE.replace("Harbor", "Quay").encode("utf-16"))
    (folder / "utf16-nobom.txt").write_bytes(ARTICLE.replace("Harbor", "Pier").encode("utf-16-le"))
    (folder / "latin1.txt").write_bytes(ARTICLE.replace("Mayor", "Maire Hélène").encode("latin-1"))
    (folder / "broken.html").write_text(
        "<p>Inspector Maya Brandt said that the solvent tanks were sealed.</div></span></p></td>"
        "The mill denied any leak.<<>><div><p>Unclosed"
    )
    (folder / "lines.jsonl").write_text(
        '{"text": "Councillor Amos Reed said that the bridge would close for repairs in May.", "title": "Bridge"}\n'
        "{broken json\n"
        '{"title": "no text here"}\n'
    )
    with (folder / "big.txt").open("w") as big:  # a 200 MB text file
        block = ("The council said that the budget was balanced and the river was safe. " * 14 + "\n") * 1000
        big.write("Minutes\n")
        while big.tell() < 200 * 1024 * 1024:
            big.write(block)


def test_analyze_survives_every_kind_of_bad_input(tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 1024 * 1024)  # so /huge passes it quickly
    folder = tmp_path / "inputs"
    _write_bad_files(folder)
    urls = [f"{site}/loop", f"{site}/slow", f"{site}/huge", f"{site}/feed-error", f"{site}/feed"]
    db = tmp_path / "ledger.db"

    result = CliRunner().invoke(
        app, ["analyze", str(folder), *urls, "--db", str(db), "--timeout", "1", "--allow-private-addresses"]
    )

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    expected = {
        "binary.txt": "E003", "empty.txt": "E002", "damaged.txt": "E012", "big.txt": "E013",
        "lines.jsonl line 2": "E008", "lines.jsonl line 3": "E008",
        f"{site}/loop": "E005", f"{site}/slow": "E005", f"{site}/huge": "E013", f"{site}/feed-error": "E005",
        f"{site}/gone": "E005",
    }
    for name, code in expected.items():
        mine = [line for line in lines if f"{name}:" in line]
        assert len(mine) == 1 and code in mine[0], (name, lines)
    assert len(lines) == len(expected)
    assert "too many redirects" in result.stderr and "timed out after 1 s" in result.stderr
    assert f"{len(expected)} input(s) skipped (" in result.stdout

    with Ledger.open(db, create=False) as ledger:
        articles = {Path(a.source).name if "://" not in a.source else a.source: a for a in ledger.articles()}
    assert articles["utf16.txt"].text.startswith("Quay reopens") and articles["utf16.txt"].encoding == "utf-16"
    assert articles["utf16-nobom.txt"].text.startswith("Pier reopens")
    assert "Maire Hélène" in articles["latin1.txt"].text
    assert articles["latin1.txt"].encoding.endswith("(detected)")
    assert "solvent tanks were sealed" in articles["broken.html"].text
    assert any("bridge would close" in a.text for a in articles.values())
    assert any("ferry to Gull Island" in a.text for a in articles.values())  # the feed's good entry


def test_bom_only_and_nul_only_files_are_empty_or_binary(tmp_path: Path):
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8)
    (tmp_path / "nul.txt").write_bytes(b"\x00" * 64)
    codes = {Path(s.source).name: s.code for s in readers.read_inputs([str(tmp_path)])}
    assert codes == {"bom.txt": "E002", "nul.txt": "E002"}


def test_the_same_article_from_another_path_or_a_url_is_one_article(tmp_path: Path, examples_dir: Path):
    original = examples_dir / "harbor-story" / "01-kestrel-bay-courier.txt"
    copy = tmp_path / "elsewhere" / "renamed.txt"
    copy.parent.mkdir()
    copy.write_bytes(original.read_bytes())

    class _Copy(_Site):
        def do_GET(self) -> None:  # noqa: N802
            self._send(200, original.read_bytes(), [("Content-Type", "text/plain; charset=utf-8")])

    db = tmp_path / "ledger.db"
    with standing_in(_Copy) as base:
        result = CliRunner().invoke(
            app, ["analyze", str(original), str(copy), f"{base}/story.txt", "--db", str(db), "--allow-private-addresses"]
        )
    assert result.exit_code == 0, result.output
    assert "1 article(s) added, 2 already in the ledger" in result.stdout
    with Ledger.open(db, create=False) as ledger:
        assert len(ledger.articles()) == 1
