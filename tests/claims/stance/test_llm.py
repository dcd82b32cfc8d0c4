"""The LLM stance backend against a stand-in OpenAI-compatible server on loopback."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler

import pytest
from loopback import standing_in

from claimledger.claims.stance import predict_stances
from claimledger.claims.stance.llm import LlmStance, parse_label
from claimledger.errors import ConfigError
from claimledger.records import Proposition, Span, Statement


class StandIn(BaseHTTPRequestHandler):
    """Answers chat completions from `replies` (keyed by a word of the last user message)."""

    replies: dict[str, str] = {}
    requests: list[dict] = []
    status = 200

    def do_POST(self):  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        last = body["messages"][-1]["content"]
        reply = next((r for key, r in self.replies.items() if key in last), "I am not sure.")
        payload = json.dumps({"choices": [{"index": 0, "message": {"role": "assistant", "content": reply}}]})
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    StandIn.requests = []
    StandIn.status = 200
    with standing_in(StandIn) as url:
        yield f"{url}/v1"


def _pair(content: str, cue: str = "said") -> tuple[Statement, Proposition]:
    statement = Statement(
        id=f"s-{abs(hash(content))}", article_id="a1", content=Span(20, 20 + len(content), content), kind="indirect",
        speaker=Span(0, 8, "Minister"), cue=Span(9, 9 + len(cue), cue), cue_lemma=cue,
    )
    proposition = Proposition(id="p1", label="the ferry operator cut safety inspections", statement_ids=[statement.id])
    return statement, proposition


def test_labels_come_from_the_endpoint(server, monkeypatch):
    monkeypatch.setenv("TEST_LLM_KEY", "secret-123")
    StandIn.replies = {"never cut": "Deny.", "confirmed": "support", "looks like": "The answer is: HEDGE"}
    backend = LlmStance(base_url=server, model="stand-in", api_key_env="TEST_LLM_KEY", timeout=5)
    pairs = [
        _pair("the operator never cut inspections", "insisted"),
        _pair("inspections were cut, as the audit confirmed"),
        _pair("it looks like inspections were cut", "suggested"),
    ]
    stances = predict_stances(pairs, backend)
    assert [s.stance for s in stances] == ["deny", "support", "hedge"]
    assert {s.method for s in stances} == {"llm.v1:stand-in"}
    first = StandIn.requests[0]
    assert first["path"] == "/v1/chat/completions"
    assert first["auth"] == "Bearer secret-123"
    assert first["body"]["model"] == "stand-in" and first["body"]["temperature"] == 0
    assert "Minister insisted the operator never cut inspections" in first["body"]["messages"][-1]["content"]
    assert "the ferry operator cut safety inspections" in first["body"]["messages"][-1]["content"]


def test_an_unlabelled_reply_is_asked_again_then_fails_cleanly(server):
    StandIn.replies = {"exactly one word": "Hmm, hard to say."}
    backend = LlmStance(base_url=server, model="stand-in", timeout=5)
    with pytest.raises(ConfigError, match="E057"):
        backend.predict([_pair("the weather was fine")])
    assert len(StandIn.requests) == 2  # the question and one reminder


def test_the_reminder_can_rescue_a_chatty_reply(server):
    StandIn.replies = {"exactly one word": "neutral", "weather": "The weather is unrelated to this."}
    backend = LlmStance(base_url=server, model="stand-in", timeout=5)
    assert [s.stance for s in backend.predict([_pair("the weather was fine")])] == ["neutral"]


def test_http_errors_and_unreachable_endpoints_give_e056(server):
    StandIn.status = 500
    with pytest.raises(ConfigError, match="E056 .*HTTP 500"):
        LlmStance(base_url=server, model="stand-in", timeout=5).predict([_pair("x")])
    with pytest.raises(ConfigError, match="E056"):
        LlmStance(base_url="http://127.0.0.1:9/v1", model="m", timeout=2).predict([_pair("x")])
    with pytest.raises(ConfigError, match="E056 .*no endpoint given"):
        LlmStance(base_url="", model="m")


def test_parse_label():
    assert parse_label("Support") == "support"
    assert parse_label("label: deny (the speaker rejects it)") == "deny"
    assert parse_label("supportive") is None
    assert parse_label("") is None
