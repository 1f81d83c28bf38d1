"""The HTTP side of the fake: auth, rate-limit quotas, ETags, injected faults, request log.

A real ``ThreadingHTTPServer`` on 127.0.0.1 so clients are exercised through their actual HTTP
stack (urllib3 retries, timeouts, header parsing) rather than through mocks.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import graphql_api, rest_api
from .world import World

REST_PREFIX = "/api/v3"
GRAPHQL_PATHS = ("/graphql", "/api/graphql")
RATE_DOCS = ("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
             "#about-secondary-rate-limits")
#: Quota per window: (authenticated limit, anonymous limit, window seconds).
LIMITS = {"core": (5000, 60, 3600), "search": (30, 10, 60), "graphql": (5000, 0, 3600)}
FAULTS = ("rate_limit_403", "rate_limit_429", "secondary", "server_error", "slow", "truncated",
          "graphql_rate_limited", "graphql_rate_limit", "graphql_timeout", "trickle", "denied",
          "graphql_resource_limits")
#: Faults that only GraphQL requests can meet.
GRAPHQL_FAULTS = ("graphql_rate_limited", "graphql_rate_limit", "graphql_timeout", "graphql_resource_limits")
#: GitHub's untyped error when a query runs out of time (data null, no ``type``).
TIMEOUT_MESSAGE = ("Something went wrong while executing your query. This may be the result of "
                   "a timeout, or it could be a GitHub bug. Please include `FAKE:0000:0000` "
                   "when reporting this issue.")


@dataclass
class LoggedRequest:
    """One request as the fake saw it; bodies and headers kept for contract validation."""

    method: str
    path: str  # without the /api/v3 prefix
    params: dict[str, str]
    status: int
    kind: str  # "rest" | "graphql"
    resource: str | None  # "core" | "search" | "graphql"; None when never authenticated
    counted: bool  # consumed quota (304s, auth failures and injected faults do not)
    cost: int | None = None  # GraphQL points charged
    query: str | None = None  # GraphQL query text
    variables: dict | None = None
    token: str | None = None
    fault: str | None = None
    request_headers: dict[str, str] = field(default_factory=dict)
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.response_body) if self.response_body else None


@dataclass
class Fault:
    name: str
    times: int | None = 1  # None: every matching request until cleared
    path: str | None = None  # substring of the (prefix-less) path, "graphql" for GraphQL
    status: int | None = None
    seconds: float = 1.0  # "slow": delay; rate limits: seconds until reset / Retry-After
    #: Only requests whose body (the GraphQL query text) contains this.
    body: str | None = None

    def matches(self, path: str, kind: str, body: str = "") -> bool:
        if self.name in GRAPHQL_FAULTS and kind != "graphql":
            return False
        if self.body is not None and self.body not in body:
            return False
        return self.path is None or self.path in path or (self.path == "graphql"
                                                          and kind == "graphql")


@dataclass
class Bucket:
    limit: int
    window: int
    used: int = 0
    reset: int = 0

    def roll(self) -> None:
        now = int(time.time())
        if now >= self.reset:
            self.used, self.reset = 0, now + self.window

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def headers(self, resource: str) -> dict[str, str]:
        return {"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": str(self.remaining),
                "X-RateLimit-Used": str(self.used), "X-RateLimit-Reset": str(self.reset),
                "X-RateLimit-Resource": resource}


class FakeGitHub:
    """A started fake server over ``world``; use as a context manager or call ``stop()``."""

    def __init__(self, world: World, latency: float = 0.0, *, redirect_to_https: bool = False):
        graphql_api.load_schema()  # fail fast (with the npm hint) before binding a port
        self.world = world
        self.latency = latency
        #: Answer every request with 301 to the https:// URL, as api.github.com does for http://.
        self.redirect_to_https = redirect_to_https
        self.log: list[LoggedRequest] = []
        self.faults: list[Fault] = []
        self._buckets: dict[tuple[str, str], Bucket] = {}
        self._lock = threading.RLock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self  # type: ignore[attr-defined]
        self.port = self._httpd.server_address[1]
        self.root_url = f"http://127.0.0.1:{self.port}"
        self.rest_url = self.root_url + REST_PREFIX
        self.graphql_url = self.root_url + "/api/graphql"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,),
                                        daemon=True, name=f"fakegithub:{self.port}")
        self._thread.start()

    # ----------------------------------------------------------------- test controls
    def inject(self, fault: str, times: int | None = 1, path: str | None = None,
               **options) -> Fault:
        """Make the next ``times`` matching requests fail with ``fault`` (see ``FAULTS``)."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; choose from {FAULTS}")
        injected = Fault(fault, times, path, **options)
        with self._lock:
            self.faults.append(injected)
        return injected

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def count(self, kind: str | None = None) -> int:
        """Requests logged; ``kind`` filters on "rest"/"graphql" or a resource like "search"."""
        return sum(1 for r in self.log if kind in (None, r.kind, r.resource))

    def quota_requests(self) -> list[LoggedRequest]:
        return [r for r in self.log if r.counted]

    def bucket(self, resource: str, token: str | None = None) -> Bucket:
        """The quota window of ``token`` (or of anonymous callers) for ``resource``."""
        login = self.world.tokens.get(token or "")
        key = (login or "anonymous", resource)
        with self._lock:
            if key not in self._buckets:
                auth, anon, window = LIMITS[resource]
                self._buckets[key] = Bucket(auth if login else anon, window)
            bucket = self._buckets[key]
            bucket.roll()
            return bucket

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeGitHub:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # ----------------------------------------------------------------- internals
    def _take_fault(self, path: str, kind: str, body: str = "") -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(path, kind, body):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self.faults.remove(fault)
                    return fault
        return None


@contextlib.contextmanager
def make_server(world: World, latency: float = 0.0, **options: Any) -> Iterator[FakeGitHub]:
    """Run a fake over ``world`` for the duration of a ``with`` block."""
    server = FakeGitHub(world, latency=latency, **options)
    try:
        yield server
    finally:
        server.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "GitHub.com"
    sys_version = ""

    def version_string(self) -> str:
        return "GitHub.com"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without NODELAY, Nagle plus delayed
        # ACKs add ~40 ms to every keep-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args) -> None:  # keep pytest output clean
        pass

    @property
    def fake(self) -> FakeGitHub:
        return self.server.fake  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    # ----------------------------------------------------------------- dispatch
    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        raw_path = url.path.rstrip("/") or "/"
        prefix = REST_PREFIX if raw_path.startswith(REST_PREFIX + "/") else ""
        path = raw_path[len(prefix):]
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        kind = "graphql" if raw_path in GRAPHQL_PATHS else "rest"
        entry = LoggedRequest(method=method, path=path, params=params, status=0, kind=kind,
                              resource=None, counted=False,
                              request_headers=dict(self.headers.items()))
        if self.fake.latency:
            time.sleep(self.fake.latency)
        try:
            status, payload, headers = self._handle(entry, method, prefix, body)
        except Exception as exc:  # a bug in the fake must show up as a 500, not a hang
            status, payload, headers = 500, {"message": f"fake crashed: {exc!r}"}, {}
        self._send(entry, status, payload, headers)

    def _send(self, entry: LoggedRequest, status: int, payload: Any,
              headers: dict[str, str]) -> None:
        trickle = getattr(self, "_trickle", None)
        self._trickle = None
        data = b"" if payload is None else json.dumps(payload).encode()
        if entry.fault == "truncated":
            data = data[: len(data) // 2]
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "X-GitHub-Media-Type": "github.v3; format=json",
                   "X-GitHub-Request-Id": uuid.uuid4().hex[:16].upper(), **headers}
        if status != 304:
            headers["Content-Length"] = str(len(data))
        entry.status, entry.response_headers, entry.response_body = status, headers, data
        with self.fake._lock:
            self.fake.log.append(entry)
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if status != 304 and entry.method != "HEAD" and trickle:
                for i in range(len(data)):  # one byte at a time: never trips a read timeout
                    self.wfile.write(data[i:i + 1])
                    self.wfile.flush()
                    time.sleep(trickle)
            elif status != 304 and entry.method != "HEAD":
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # client gave up (timeouts, "slow")
            self.close_connection = True

    def _handle(self, entry: LoggedRequest, method: str, prefix: str,
                body: bytes) -> tuple[int, Any, dict[str, str]]:
        if self.fake.redirect_to_https:
            host = self.headers.get("Host", f"127.0.0.1:{self.fake.port}")
            return 301, {"message": "Moved Permanently"}, {"Location": f"https://{host}{self.path}"}
        fault = self.fake._take_fault(entry.path, entry.kind, body.decode(errors="replace"))
        if fault is not None:
            entry.fault = fault.name
            if fault.name == "slow":
                time.sleep(fault.seconds)
            elif fault.name == "trickle":
                self._trickle = fault.seconds
            elif fault.name == "graphql_resource_limits":
                return self._over_resource_limits(body)
            elif fault.name != "truncated":
                return self._fault_response(fault, entry)
        token, bad = self._token()
        entry.token = token
        if bad:
            return 401, {"message": "Bad credentials", "documentation_url":
                         "https://docs.github.com/graphql" if entry.kind == "graphql"
                         else "https://docs.github.com/rest"}, {}
        if entry.kind == "graphql":
            if method != "POST":
                return 404, {"message": "Not Found", "documentation_url":
                             "https://docs.github.com/graphql"}, {}
            return self._graphql(entry, token, body)
        if method not in ("GET", "HEAD"):
            return 404, {"message": "Not Found", "documentation_url":
                         "https://docs.github.com/rest"}, {}
        return self._rest(entry, token, prefix)

    def _token(self) -> tuple[str | None, bool]:
        """``(token, bad)``: the bearer/token credential and whether it is unknown."""
        header = self.headers.get("Authorization", "")
        if not header:
            return None, False
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() not in ("bearer", "token") or token not in self.fake.world.tokens:
            return None, True
        return token, False

    # ----------------------------------------------------------------- REST
    def _rest(self, entry: LoggedRequest, token: str | None,
              prefix: str) -> tuple[int, Any, dict[str, str]]:
        fake, world = self.fake, self.fake.world
        viewer = world.tokens.get(token or "")
        if entry.path == "/rate_limit":  # free on GitHub: reading the quota costs nothing
            entry.resource = "core"
            return self._rate_limit(token)
        handler, match = rest_api.route(entry.path)
        if handler is rest_api.get_user and viewer is None:
            return 401, {"message": "Requires authentication", "documentation_url":
                         "https://docs.github.com/rest/users/users#get-the-authenticated-user"}, {}
        if viewer is None and world.private_mode:
            return 401, {"message": "Must authenticate to access this API.",
                         "documentation_url": "https://docs.github.com/enterprise-server/rest"}, {}
        if handler is rest_api.get_user and token in world.installation_tokens:
            # actions/create-github-app-token#258, anthropics/claude-code-action#538
            return 403, {"message": "Resource not accessible by integration", "documentation_url":
                         "https://docs.github.com/rest/users/users#get-the-authenticated-user",
                         "status": "403"}, {}
        resource = "search" if entry.path.startswith("/search/") else "core"
        entry.resource = resource
        bucket = fake.bucket(resource, token)
        if bucket.remaining <= 0:
            return self._limited(403, bucket, resource, viewer)
        if handler is None:
            resp = rest_api.not_found()
        else:
            req = rest_api.Req(world=world, api=fake.root_url + prefix, path=entry.path,
                               params=entry.params, viewer=viewer, match=match)
            with fake._lock:
                resp = handler(req)
        headers = {**resp.headers}
        if resp.status == 200:
            digest = hashlib.sha256(
                (token or "anon").encode() + json.dumps(resp.body, sort_keys=True).encode())
            etag = f'W/"{digest.hexdigest()[:40]}"'
            headers["ETag"] = etag
            headers["Cache-Control"] = "private, max-age=60, s-maxage=60"
            headers["Vary"] = "Accept, Authorization, Cookie, X-GitHub-OTP"
            if etag in self._if_none_match():
                return 304, None, {**headers, **bucket.headers(resource)}
        with fake._lock:
            bucket.used += 1
        entry.counted = True
        return resp.status, resp.body, {**headers, **bucket.headers(resource)}

    def _if_none_match(self) -> set[str]:
        raw = self.headers.get("If-None-Match", "")
        tags = {t.strip() for t in raw.split(",") if t.strip()}
        return tags | {t if t.startswith("W/") else f"W/{t}" for t in tags}

    def _rate_limit(self, token: str | None) -> tuple[int, Any, dict[str, str]]:
        def rate(resource: str) -> dict:
            b = self.fake.bucket(resource, token)
            return {"limit": b.limit, "used": b.used, "remaining": b.remaining, "reset": b.reset}

        resources = {"core": rate("core"), "search": rate("search"), "graphql": rate("graphql")}
        core = self.fake.bucket("core", token)
        return 200, {"resources": resources, "rate": resources["core"]}, core.headers("core")

    @staticmethod
    def _limited(status: int, bucket: Bucket, resource: str,
                 viewer: str | None) -> tuple[int, Any, dict[str, str]]:
        who = "user ID 1" if viewer else "127.0.0.1"
        body = {"message": f"API rate limit exceeded for {who}. (But here's the good news: "
                           "Authenticated requests get a higher rate limit.)",
                "documentation_url": "https://docs.github.com/rest/overview/"
                                     "rate-limits-for-the-rest-api"}
        headers = {**bucket.headers(resource), "X-RateLimit-Remaining": "0",
                   "X-RateLimit-Used": str(bucket.limit)}
        return status, body, headers

    # ----------------------------------------------------------------- faults
    def _over_resource_limits(self, body: bytes) -> tuple[int, Any, dict[str, str]]:
        """Every top-level field null, each with its own RESOURCE_LIMITS_EXCEEDED error (the shape
        of GitHub changelog 2025-09-01 "GraphQL API resource limits" when nothing fit)."""
        from graphql import OperationDefinitionNode, parse

        query = str((json.loads(body or b"{}") or {}).get("query") or "")
        fields = [selection for definition in parse(query).definitions
                  if isinstance(definition, OperationDefinitionNode)
                  for selection in definition.selection_set.selections]
        names = [(f.alias or f.name).value for f in fields]
        errors = [{"type": "RESOURCE_LIMITS_EXCEEDED", "path": [name],
                   "locations": [{"line": f.loc.start_token.line, "column": f.loc.start_token.column}],
                   "message": graphql_api.RESOURCE_LIMITS_MESSAGE} for name, f in zip(names, fields, strict=True)]
        return 200, {"data": dict.fromkeys(names), "errors": errors}, {}

    def _fault_response(self, fault: Fault,
                        entry: LoggedRequest) -> tuple[int, Any, dict[str, str]]:
        resource = ("graphql" if entry.kind == "graphql"
                    else "search" if entry.path.startswith("/search/") else "core")
        token, _ = self._token()
        bucket = self.fake.bucket(resource, token)
        if fault.name in ("rate_limit_403", "rate_limit_429"):
            limited = Bucket(bucket.limit, bucket.window, bucket.limit,
                             int(time.time() + fault.seconds))
            status = fault.status or (403 if fault.name == "rate_limit_403" else 429)
            return self._limited(status, limited, resource, self.fake.world.tokens.get(token))
        if fault.name == "secondary":
            body = {"message": "You have exceeded a secondary rate limit. Please wait a few "
                               "minutes before you try again. If you reach out to GitHub "
                               "Support for help, please include the request ID "
                               "FAKE:0000:0000.",
                    "documentation_url": RATE_DOCS}
            return fault.status or 403, body, {"Retry-After": str(int(fault.seconds)),
                                               **bucket.headers(resource)}
        if fault.name == "denied":
            # A server (or a proxy before it) that quotes the credential it refuses.
            auth = self.headers.get("Authorization", "")
            return fault.status or 403, {"message": f"Denied for {auth}",
                                         "documentation_url": "https://docs.github.com/rest"}, {}
        if fault.name == "graphql_rate_limit":
            # The 2026 shape (yanyongyu/githubkit#271): ``type`` RATE_LIMIT plus a ``code``.
            return 200, {"errors": [{"type": "RATE_LIMIT", "code": "graphql_rate_limit",
                                     "message": "API rate limit already exceeded for user ID 1."}]}, {
                **bucket.headers(resource), "X-RateLimit-Remaining": "0"}
        if fault.name == "graphql_timeout":
            return 200, {"data": None, "errors": [{"message": TIMEOUT_MESSAGE}]}, \
                bucket.headers(resource)
        if fault.name == "graphql_rate_limited":
            return 200, {"errors": [{"type": "RATE_LIMITED",
                                     "message": "API rate limit exceeded for user ID 1."}]}, {
                **bucket.headers(resource), "X-RateLimit-Remaining": "0"}
        status = fault.status or 502
        return status, {"message": "Server Error" if status != 502 else "Bad Gateway",
                        "documentation_url": "https://docs.github.com/rest"}, {}

    # ----------------------------------------------------------------- GraphQL
    def _graphql(self, entry: LoggedRequest, token: str | None,
                 body: bytes) -> tuple[int, Any, dict[str, str]]:
        fake = self.fake
        if token is None:
            return 401, {"message": "This endpoint requires you to be authenticated.",
                         "documentation_url": "https://docs.github.com/graphql/guides/"
                                              "forming-calls-with-graphql#authenticating-"
                                              "with-graphql"}, {}
        entry.resource = "graphql"
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            return 400, {"message": "Problems parsing JSON",
                         "documentation_url": "https://docs.github.com/graphql"}, {}
        prepared = graphql_api.prepare(payload, graphql_api.schema_for(fake.world))
        entry.query, entry.variables = prepared.query, prepared.variables
        bucket = fake.bucket("graphql", token)
        if prepared.errors:
            entry.cost = 0
            return 200, {"errors": prepared.errors}, bucket.headers("graphql")
        entry.cost = prepared.cost
        if bucket.remaining < prepared.cost:
            return 200, {"errors": [{"type": "RATE_LIMITED",
                                     "message": "API rate limit exceeded for user ID 1."}]}, \
                bucket.headers("graphql")
        with fake._lock:
            bucket.used += prepared.cost
            rate = graphql_api.rate_dict(bucket.limit, bucket.used, prepared.cost,
                                         prepared.node_count,
                                         datetime.fromtimestamp(bucket.reset, timezone.utc))
            result = graphql_api.run(prepared, fake.world, fake.world.tokens[token], rate,
                                     app=token in fake.world.installation_tokens)
        entry.counted = True
        return 200, result, bucket.headers("graphql")
