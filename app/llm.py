"""The one door to a generative model: any OpenAI-compatible endpoint, through llama-index.

One attempt per question with a bounded wait: a slow or failing endpoint costs the user
`timeout` seconds once, then the extractive answer, never a storm of retries.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from app.errors import AppError

DEFAULT_TIMEOUT = 30.0  # seconds for the whole reply
DEFAULT_MAX_TOKENS = 800


class LLMUnavailable(AppError):
    """The endpoint timed out, refused the connection or answered with an error."""


class LLMClient:
    """Chat with one model of an OpenAI-compatible server (vLLM, Ollama, llama.cpp, a cloud)."""

    def __init__(self, base_url: str, model: str, api_key: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT, max_tokens: int = DEFAULT_MAX_TOKENS) -> None:
        self.base_url, self.model, self.timeout = base_url, model, timeout
        self._api_key, self._max_tokens = api_key, max_tokens
        self._llm: Any = None

    def _loaded(self) -> Any:
        if self._llm is None:
            try:
                from llama_index.llms.openai_like import OpenAILike
            except ImportError as error:
                raise LLMUnavailable(
                    "LLM answers need llama-index-llms-openai-like: pip install 'policykb[llm]'"
                ) from error
            self._llm = OpenAILike(
                model=self.model,
                api_base=self.base_url,
                api_key=self._api_key or "not-needed",  # local servers take any key
                is_chat_model=True,
                temperature=0.0,
                max_tokens=self._max_tokens,
                timeout=self.timeout,
                max_retries=0,
            )
        return self._llm

    def chat(self, system: str, user: str) -> str:
        """The model's whole reply to one exchange."""
        llm = self._loaded()
        try:
            response = llm.chat(_messages(system, user))
        except Exception as error:  # the client's errors: timeout, connection, HTTP status
            raise _unavailable(self.base_url, error) from error
        return response.message.content or ""

    def stream(self, system: str, user: str) -> Iterator[str]:
        """The reply piece by piece as the model writes it; the whole reply within `timeout`."""
        llm = self._loaded()
        deadline = time.monotonic() + self.timeout
        try:
            for response in llm.stream_chat(_messages(system, user)):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no complete reply within {self.timeout:g} s")
                if response.delta:
                    yield response.delta
        except Exception as error:
            raise _unavailable(self.base_url, error) from error


def _messages(system: str, user: str) -> list[Any]:
    from llama_index.core.llms import ChatMessage

    return [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]


def _unavailable(base_url: str, error: Exception) -> LLMUnavailable:
    kind = type(error).__name__
    detail = str(error).splitlines()[0][:200] if str(error) else kind
    return LLMUnavailable(f"LLM endpoint {base_url} failed ({kind}): {detail}")
