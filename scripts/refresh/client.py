"""Talking to GitHub: timeouts, retries with backoff and rate limits, in one place.

Readers (see `graphql` and `rest`) turn an `Answer` into results; they raise
`Malformed` for an answer GitHub would not send and `RateLimited` for a limit
reported inside a 200, and the client retries or waits as GitHub asks.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
import urllib3
from requests.structures import CaseInsensitiveDict

T = TypeVar("T")

TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})
USER_AGENT = "llm-inference-guide-star-refresh"


class BadCredentials(Exception):
    """GitHub refused the token: retrying cannot help, and nothing may change."""


class RunStopped(Exception):
    """GitHub cannot be asked anything more in this run (limit too long, or it keeps failing)."""


class Transient(Exception):
    """A failure that may pass: retried with backoff."""


class Malformed(Transient):
    """An answer that is not what GitHub sends (cut short, not JSON, wrong shape): retried like a 502."""


class RateLimited(Exception):
    """A rate limit that a reader found in the body of an answer."""


@dataclass(frozen=True)
class RetryPolicy:
    timeout: float = 30.0  # seconds one request may take, connection to last byte
    attempts: int = 5  # tries per request, transient failures and rate-limit waits together
    backoff: float = 2.0  # first wait after a transient failure; doubles on each retry
    max_wait: float = 300.0  # longest rate-limit wait accepted; a longer one stops the run
    secondary_wait: float = 60.0  # wait for a limit that names no time (GitHub asks for at least a minute)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: CaseInsensitiveDict
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            raise Malformed(f"HTTP {self.status} with a body that is not JSON ({len(self.body)} bytes)") from None

    def message(self) -> str:
        """GitHub's own `message` field, or the status alone."""
        try:
            message = json.loads(self.body).get("message")
        except (ValueError, AttributeError):
            message = None
        return f"HTTP {self.status}: {message}" if isinstance(message, str) else f"HTTP {self.status}"


def announced_wait(headers: CaseInsensitiveDict, now: float) -> float | None:
    """Seconds GitHub asks us to wait, from `retry-after` or an exhausted `x-ratelimit-*`."""
    try:
        if "retry-after" in headers:
            return max(0.0, float(headers["retry-after"]))
        if headers.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in headers:
            return max(0.0, float(headers["x-ratelimit-reset"]) - now)
    except ValueError:
        pass
    return None


def rate_limit_of(answer: Answer) -> str | None:
    """Why this HTTP answer is a rate limit, or None. GitHub uses 429, and 403 with limit headers or text."""
    if answer.status == 429:
        return "rate limited (HTTP 429)"
    if answer.status == 403 and (
        "retry-after" in answer.headers
        or answer.headers.get("x-ratelimit-remaining") == "0"
        or b"rate limit" in answer.body.lower()
    ):
        return "rate limited (HTTP 403)"
    return None


class GitHubClient:
    def __init__(self, token: str | None, policy: RetryPolicy):
        self.policy = policy
        self.requests_made = 0
        self.session = requests.Session()
        self.session.headers.update(
            {
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": USER_AGENT,
            }
        )
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def send(self, method: str, url: str, read: Callable[[Answer], T], payload: Any = None) -> T:
        """One request, retried on transient failures and rate limits; `read` turns the answer into results."""
        problem = ""
        limits_met = 0
        for attempt in range(1, self.policy.attempts + 1):
            try:
                answer = self._exchange(method, url, payload)
                if answer.status == 401:
                    raise BadCredentials(f"GitHub refused the token ({answer.message()}); nothing was changed")
                limit = rate_limit_of(answer)
                if limit:
                    raise RateLimited(limit)
                if answer.status in TRANSIENT_STATUSES:
                    raise Transient(answer.message())
                return read(answer)
            except RateLimited as exc:
                limits_met += 1
                wait = announced_wait(answer.headers, time.time())
                if wait is None:
                    wait = self.policy.secondary_wait * 2 ** (limits_met - 1)
                if wait > self.policy.max_wait:
                    raise RunStopped(
                        f"{exc}: GitHub asks to wait {wait:.0f} s, longer than the {self.policy.max_wait:g} s allowed"
                        " (--max-wait)"
                    ) from None
                problem = str(exc)
                if attempt < self.policy.attempts:  # no point waiting out a limit before giving up
                    time.sleep(wait)
                continue
            except requests.Timeout:
                problem = f"no answer within {self.policy.timeout:g} s"
            except requests.RequestException as exc:
                problem = connection_problem(exc)
            except Transient as exc:
                problem = str(exc)
            if attempt < self.policy.attempts:
                time.sleep(self.policy.backoff * 2 ** (attempt - 1))
        times = "once" if self.policy.attempts == 1 else f"{self.policy.attempts} times"
        raise RunStopped(f"{method} {url} failed {times}, last: {problem}")

    def _exchange(self, method: str, url: str, payload: Any) -> Answer:
        """Send and read the whole body within the timeout, even from a server that trickles bytes."""
        self.requests_made += 1
        deadline = time.monotonic() + self.policy.timeout
        with self.session.request(method, url, json=payload, timeout=self.policy.timeout, stream=True) as response:
            body = bytearray()
            while chunk := _read_some(response):
                body += chunk
                if time.monotonic() > deadline:
                    raise requests.Timeout()
            return Answer(response.status_code, response.headers, bytes(body))


def connection_problem(exc: BaseException) -> str:
    """The operating system's words for a failed connection ("Connection refused"), found down the chain."""
    cause: BaseException | None = exc
    for _ in range(10):  # requests -> urllib3 -> socket: a few links at most
        if cause is None:
            break
        wrapper = isinstance(cause, (requests.RequestException, urllib3.exceptions.HTTPError))
        if isinstance(cause, OSError) and not wrapper and (cause.strerror or cause.args):
            return f"connection failed: {cause.strerror or cause.args[0]}"
        cause = getattr(cause, "reason", None) or cause.__cause__ or cause.__context__
    return f"connection failed ({type(exc).__name__})"


def _read_some(response: requests.Response) -> bytes:
    """What has arrived of the body; urllib3's own errors here become those `send` retries."""
    try:
        return response.raw.read1(65536, decode_content=True)
    except urllib3.exceptions.ReadTimeoutError:
        raise requests.Timeout() from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        # Transient, not a requests error: `send` would search the chain again and, when it holds no OSError,
        # name only the wrapper ("connection failed (ConnectionError)").
        raise Transient(connection_problem(exc)) from exc
