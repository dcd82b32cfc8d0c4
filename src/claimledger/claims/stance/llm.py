"""The LLM stance backend: any OpenAI-compatible chat-completions endpoint.

One request per pair, temperature 0, a prompt that asks for exactly one of
support / deny / hedge / neutral. The reply's first label word is taken
("Deny." and "The answer is: deny" both give deny); a reply naming no label
is asked once more with a reminder, then gives E057. Network failures, HTTP
errors and timeouts give E056: nothing is guessed.

Configuration: `base_url` (e.g. http://localhost:8000/v1; or
$CLAIMLEDGER_LLM_URL), `model` ($CLAIMLEDGER_LLM_MODEL), and an API key read
from the environment variable named by `api_key_env` (default
CLAIMLEDGER_LLM_API_KEY; no key, no Authorization header). The only network
this backend uses is the endpoint the user gives.

Registered as "llm"; results carry method "llm.v1:<model>".
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

import httpx

from ...errors import ConfigError, Errors
from ...records import STANCE_LABELS, Proposition, Stance, StanceLabel, Statement
from ._registry import stance_backends
from .model import statement_text

SYSTEM_PROMPT = (
    "You label the stance of a statement towards a proposition, as a fact-checker would.\n"
    "support: the speaker asserts, confirms or admits the proposition.\n"
    "deny: the speaker denies, rejects or refutes it, or asserts its opposite.\n"
    "hedge: the speaker raises it without committing: allegations, speculation, 'it looks like', "
    "conditions, reporting that others claim it.\n"
    "neutral: the statement does not address the proposition.\n"
    "Answer with exactly one word: support, deny, hedge or neutral."
)
REMINDER = "Answer with exactly one word: support, deny, hedge or neutral."
_LABEL = re.compile(r"\b(support|deny|hedge|neutral)\b", re.IGNORECASE)


def user_prompt(statement: str, proposition: str) -> str:
    return f"Proposition: {proposition}\nStatement: {statement}\nStance:"


def parse_label(reply: str) -> StanceLabel | None:
    """The first stance label named in `reply`, or None."""
    match = _LABEL.search(reply or "")
    return match.group(1).lower() if match else None  # type: ignore[return-value]


@stance_backends.register("llm")
class LlmStance:
    def __init__(
        self, base_url: str | None = None, model: str | None = None, api_key_env: str = "CLAIMLEDGER_LLM_API_KEY",
        timeout: float = 60.0, max_tokens: int = 8, transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = (base_url or os.environ.get("CLAIMLEDGER_LLM_URL") or "").rstrip("/")
        self.model = model or os.environ.get("CLAIMLEDGER_LLM_MODEL") or ""
        if not self.base_url or not self.model:
            reason = (
                "no endpoint given: pass --llm-url (base_url) or set CLAIMLEDGER_LLM_URL" if not self.base_url
                else "no model name given: pass --model or set CLAIMLEDGER_LLM_MODEL"
            )
            raise ConfigError(Errors.E056.format(url=self.base_url or "(none)", reason=reason))
        self.method = f"llm.v1:{self.model}"
        self.max_tokens = max_tokens
        headers = {}
        if key := os.environ.get(api_key_env):
            headers["Authorization"] = f"Bearer {key}"
        self._client = httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout, transport=transport)

    @property
    def url(self) -> str:
        return f"{self.base_url}/chat/completions"

    def _ask(self, messages: list[dict[str, str]]) -> str:
        body = {"model": self.model, "messages": messages, "temperature": 0, "max_tokens": self.max_tokens}
        try:
            response = self._client.post("/chat/completions", json=body)
            response.raise_for_status()
            return str(response.json()["choices"][0]["message"]["content"] or "")
        except httpx.TimeoutException as error:
            raise ConfigError(Errors.E056.format(url=self.url, reason=f"no answer in time ({error})")) from error
        except httpx.HTTPStatusError as error:
            reason = f"HTTP {error.response.status_code} {error.response.text[:200]!r}"
            raise ConfigError(Errors.E056.format(url=self.url, reason=reason)) from error
        except httpx.HTTPError as error:
            raise ConfigError(Errors.E056.format(url=self.url, reason=error)) from error
        except (ValueError, KeyError, IndexError, TypeError) as error:
            reason = f"the reply is not a chat completion ({type(error).__name__}: {error})"
            raise ConfigError(Errors.E056.format(url=self.url, reason=reason)) from error

    def label(self, statement: str, proposition: str) -> StanceLabel:
        messages = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": user_prompt(statement, proposition)},
        ]
        reply = self._ask(messages)
        if (label := parse_label(reply)) is None:
            reminder = [{"role": "assistant", "content": reply}, {"role": "user", "content": REMINDER}]
            reply = self._ask([*messages, *reminder])
            label = parse_label(reply)
        if label is None:
            raise ConfigError(Errors.E057.format(url=self.url, reply=reply[:200], options=", ".join(STANCE_LABELS)))
        return label

    def predict(self, pairs: Sequence[tuple[Statement, Proposition]]) -> list[Stance]:
        # A label from a chat model carries no calibrated probability; 1.0 says "as answered".
        stances = []
        for statement, proposition in pairs:
            label = self.label(statement_text(statement), proposition.label)
            stances.append(Stance(statement.id, proposition.id, label, 1.0, self.method))
        return stances

    def close(self) -> None:
        self._client.close()
