"""A small fake of GitHub's REST and GraphQL endpoints, served on 127.0.0.1 from a thread.

It answers `GET /repos/{owner}/{name}`, `GET /repositories/{id}` and `POST /graphql`
the way the notes in ../shared/research/github-api.md (outside this repository, beside
its root) describe GitHub answering, and lets a test queue faults (`fail_next`) that
the next requests meet, whatever they ask.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "ghp_FAKEtoken0123456789abcdefSECRET"
MIT = {"spdx_id": "MIT", "name": "MIT License", "key": "mit"}
ALIAS = re.compile(r"(\w+)\s*:\s*repository\(\s*owner:\s*\$(\w+)\s*,\s*name:\s*\$(\w+)\s*\)")

Fault = Callable[["Handler"], None]


@dataclass
class FakeRepo:
    id: int
    name_with_owner: str
    stars: int = 1000
    license: dict[str, str] | None = field(default_factory=lambda: dict(MIT))
    archived: bool = False
    pushed_at: str | None = "2026-11-20T08:00:00Z"
    release: tuple[str, str] | None = ("v1.0.0", "2026-11-01T12:00:00Z")

    def rest(self) -> dict[str, Any]:
        license = self.license and {**self.license, "url": "https://api.github.com/licenses/x", "node_id": "L"}
        return {
            "id": self.id,
            "full_name": self.name_with_owner,
            "html_url": f"https://github.com/{self.name_with_owner}",
            "description": "a repository",
            "stargazers_count": self.stars,
            "license": license,
            "archived": self.archived,
            "pushed_at": self.pushed_at,
        }

    def graphql(self) -> dict[str, Any]:
        info = self.license and {"spdxId": self.license["spdx_id"], "name": self.license["name"], "key": self.license["key"]}
        release = self.release and {"tagName": self.release[0], "publishedAt": self.release[1]}
        return {
            "nameWithOwner": self.name_with_owner,
            "stargazerCount": self.stars,
            "isArchived": self.archived,
            "pushedAt": self.pushed_at,
            "licenseInfo": info,
            "latestRelease": release,
        }


class FakeGitHub:
    def __init__(self, latency: float = 0.0, token: str = TOKEN):
        self.latency = latency
        self.token = token
        self.repos: dict[str, FakeRepo] = {}  # by lower-case owner/name, as GitHub matches them
        self.moved: dict[str, str] = {}  # old lower-case slug -> current owner/name
        self.faults: deque[Fault] = deque()
        self.requests: list[str] = []  # "GET /repos/a/b", "POST /graphql", in order
        self._lock = threading.Lock()
        self._server = QuietServer(("127.0.0.1", 0), Handler)
        self._server.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def api_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def graphql_url(self) -> str:
        return f"{self.api_url}/graphql"

    def __enter__(self) -> FakeGitHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add(self, slug: str, **fields: Any) -> FakeRepo:
        repo = FakeRepo(id=len(self.repos) + 1, name_with_owner=slug, **fields)
        self.repos[slug.lower()] = repo
        return repo

    def rename(self, old: str, new: str) -> None:
        repo = self.repos.pop(old.lower())
        repo.name_with_owner = new
        self.repos[new.lower()] = repo
        self.moved[old.lower()] = new

    def delete(self, slug: str) -> None:
        del self.repos[slug.lower()]

    def fail_next(self, *faults: Fault) -> None:
        self.faults.extend(faults)

    def find(self, slug: str) -> FakeRepo | None:
        slug = self.moved.get(slug.lower(), slug)
        return self.repos.get(slug.lower())

    def take(self, request: str) -> Fault | None:
        with self._lock:
            self.requests.append(request)
            return self.faults.popleft() if self.faults else None


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client hanging up mid-answer is what some tests do on purpose; anything else is a fake bug."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as GitHub
    disable_nagle_algorithm = True  # headers and body go out in two writes: no delayed-ACK stall
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet in test output
        pass

    @property
    def fake(self) -> FakeGitHub:
        return self.server.fake  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self._serve(self._rest)

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", 0))
        self.request_body = self.rfile.read(length)
        self._serve(self._graphql)

    def _serve(self, answer: Callable[[], None]) -> None:
        fault = self.fake.take(f"{self.command} {self.path}")
        time.sleep(self.fake.latency)
        self.answer_normally = answer
        self.body_seconds = 0.0  # one handler serves every request on a kept-alive connection
        (fault or ok())(self)

    def send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.send_raw(status, json.dumps(body).encode(), headers)

    def send_raw(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not self.body_seconds:
            self.wfile.write(data)
            return
        for byte in data:
            self.wfile.write(bytes([byte]))
            time.sleep(self.body_seconds / len(data))

    def _authorized(self, required: bool) -> bool:
        given = self.headers.get("Authorization")
        if given is None and not required:
            return True
        if given is not None and given.split(" ", 1) == ["Bearer", self.fake.token]:
            return True
        self.send_json(401, {"message": "Bad credentials", "status": "401"})
        return False

    def _rest(self) -> None:
        if not self._authorized(required=False):
            return
        if match := re.fullmatch(r"/repositories/(\d+)", self.path):
            repo = next((r for r in self.fake.repos.values() if r.id == int(match[1])), None)
        elif match := re.fullmatch(r"/repos/([^/]+/[^/]+)", self.path):
            slug = match[1]
            if slug.lower() in self.fake.moved and self.fake.find(slug):
                where = f"{self.fake.api_url}/repositories/{self.fake.find(slug).id}"
                self.send_json(301, {"message": "Moved Permanently", "url": where}, {"Location": where})
                return
            repo = self.fake.repos.get(slug.lower())
        else:
            repo = None
        if repo is None:
            self.send_json(404, {"message": "Not Found", "status": "404"})
        else:
            self.send_json(200, repo.rest())

    def _graphql(self) -> None:
        if not self._authorized(required=True):
            return
        request = json.loads(self.request_body)
        query, variables = request["query"], request.get("variables") or {}
        aliases = ALIAS.findall(query)
        if len(aliases) > 100:
            self.send_json(200, {"errors": [{"message": "a query may ask for 100 repositories at most"}]})
            return
        data, errors = {}, []
        # Since July 2026 the stargazers connection answers only admins; this fake is never one.
        restricted = re.search(r"\bstargazers\b", query) is not None
        for alias, owner_var, name_var in aliases:
            slug = f"{variables[owner_var]}/{variables[name_var]}"
            repo = self.fake.find(slug)
            if restricted:
                data[alias] = None
                errors.append({"type": "FORBIDDEN", "path": [alias], "message": "stargazers: admin only"})
            elif repo is None:
                data[alias] = None
                errors.append(
                    {
                        "type": "NOT_FOUND",
                        "path": [alias],
                        "message": f"Could not resolve to a Repository with the name '{slug}'.",
                    }
                )
            else:
                data[alias] = repo.graphql()
        self.send_json(200, {"data": data, **({"errors": errors} if errors else {})})


# Faults: each answers (or fails to answer) one request in place of the fake.


def ok() -> Fault:
    """No fault: answer as usual (to let a fault meet a later request)."""
    return lambda handler: handler.answer_normally()


def status(code: int, message: str = "Server Error") -> Fault:
    return lambda handler: handler.send_json(code, {"message": message})


def reset() -> Fault:
    """Drop the connection with a TCP reset, before any answer."""

    def fault(handler: Handler) -> None:
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.close_connection = True

    return fault


def stall(seconds: float) -> Fault:
    """Say nothing for `seconds`, then hang up."""

    def fault(handler: Handler) -> None:
        time.sleep(seconds)
        handler.close_connection = True

    return fault


def trickle(seconds: float) -> Fault:
    """Send the usual, valid answer one byte at a time over `seconds`.

    No single read ever times out: only a deadline on the whole body makes the client give up.
    """

    def fault(handler: Handler) -> None:
        handler.body_seconds = seconds
        handler.answer_normally()

    return fault


def cut_off() -> Fault:
    """Announce a longer body than is sent, then hang up: the connection breaks mid-answer."""

    def fault(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        handler.wfile.write(b'{"data": ')
        handler.close_connection = True

    return fault


def truncated() -> Fault:
    return lambda handler: handler.send_raw(200, b'{"data": {"r0": {"nameWithOwner": "a/b", "star')


def not_json() -> Fault:
    return lambda handler: handler.send_raw(200, b"<html><body>Unicorn! This page is taking too long</body></html>")


def wrong_shape() -> Fault:
    """Valid JSON, but neither a repository nor a GraphQL answer."""
    return lambda handler: handler.send_json(200, {"data": {"r0": {"nameWithOwner": "x/y", "stargazerCount": "many"}}})


def rest_limit(code: int = 403, retry_after: float | None = None, reset_in: float | None = None) -> Fault:
    """REST rate limit: `retry-after`, or an exhausted primary limit that resets in `reset_in` seconds."""
    message = "API rate limit exceeded for 127.0.0.1." if reset_in else "You have exceeded a secondary rate limit."

    def fault(handler: Handler) -> None:
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
        if reset_in is not None:
            headers |= exhausted_limit(reset_in)
        handler.send_json(code, {"message": message}, headers)

    return fault


def exhausted_limit(reset_in: float) -> dict[str, str]:
    """Primary-limit headers, reset `reset_in` seconds from now (fractional, so tests wait little)."""
    return {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": f"{time.time() + reset_in:.3f}"}


def graphql_rate_limited(reset_in: float) -> Fault:
    """GraphQL primary limit: HTTP 200, no data, a RATE_LIMITED error."""
    body = {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}]}
    return lambda handler: handler.send_json(200, body, exhausted_limit(reset_in))


def graphql_secondary_limit() -> Fault:
    """GraphQL secondary limit, answered as a 200 without a time to wait."""
    body = {"errors": [{"message": "You have exceeded a secondary rate limit. Please wait a few minutes."}]}
    return lambda handler: handler.send_json(200, body)
