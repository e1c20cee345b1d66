"""A small OpenID Connect provider for the tests, served from a thread on 127.0.0.1.

It stands in for the council's Microsoft Entra ID: discovery, the authorisation endpoint
(which signs in whoever the test chose, without a page), the token endpoint (checking the
client's secret and the PKCE verifier), userinfo, and the keys that sign its ID tokens. The
ID token carries the groups claim as Entra does; userinfo leaves it out, as Entra's does.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "fairhear-test-client"
CLIENT_SECRET = "fairhear-test-secret"
KEY_ID = "test-key"

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass
class Person:
    """Who the provider signs in next."""

    sub: str
    preferred_username: str
    email: str
    given_name: str
    family_name: str
    groups: list[str] = field(default_factory=list)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class TestProvider:
    __test__ = False  # not a test class, whatever pytest thinks of its name

    def __init__(self) -> None:
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._codes: dict[str, dict[str, Any]] = {}
        self._tokens: dict[str, Person] = {}
        self.person: Person | None = None
        self.issuer = ""
        self.token_requests = 0

    # -- the WSGI application

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ["PATH_INFO"]
        routes = {
            "/.well-known/openid-configuration": self._discovery,
            "/authorize": self._authorize,
            "/token": self._token,
            "/userinfo": self._userinfo,
            "/jwks": self._jwks,
        }
        handler = routes.get(path)
        if handler is None:
            return _send(start_response, "404 Not Found", {"error": "not_found"})
        return handler(environ, start_response)

    def _discovery(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        return _send(
            start_response,
            "200 OK",
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            },
        )

    def _authorize(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        query = {k: v[0] for k, v in parse_qs(environ["QUERY_STRING"]).items()}
        if query.get("client_id") != CLIENT_ID or self.person is None:
            return _send(start_response, "400 Bad Request", {"error": "invalid_request"})
        code = secrets.token_urlsafe(16)
        self._codes[code] = {
            "person": self.person,
            "nonce": query.get("nonce"),
            "challenge": query.get("code_challenge"),
            "redirect_uri": query["redirect_uri"],
        }
        location = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        start_response("302 Found", [("Location", location)])
        return [b""]

    def _token(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        self.token_requests += 1
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
        client_id, secret = form.get("client_id"), form.get("client_secret")
        basic = environ.get("HTTP_AUTHORIZATION", "")
        if basic.startswith("Basic "):
            client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
        grant = self._codes.pop(form.get("code", ""), None)
        if client_id != CLIENT_ID or secret != CLIENT_SECRET or grant is None:
            return _send(start_response, "400 Bad Request", {"error": "invalid_grant"})
        verifier = form.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if grant["challenge"] != challenge or grant["redirect_uri"] != form.get("redirect_uri"):
            return _send(start_response, "400 Bad Request", {"error": "invalid_grant"})
        person: Person = grant["person"]
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": person.sub,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "preferred_username": person.preferred_username,
            "email": person.email,
            "name": f"{person.given_name} {person.family_name}",
            "groups": person.groups,
        }
        id_token = jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": KEY_ID})
        access_token = secrets.token_urlsafe(16)
        self._tokens[access_token] = person
        return _send(
            start_response,
            "200 OK",
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            },
        )

    def _userinfo(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        token = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
        person = self._tokens.get(token)
        if person is None:
            return _send(start_response, "401 Unauthorized", {"error": "invalid_token"})
        return _send(
            start_response,
            "200 OK",
            {
                "sub": person.sub,
                "preferred_username": person.preferred_username,
                "email": person.email,
                "given_name": person.given_name,
                "family_name": person.family_name,
            },
        )

    def _jwks(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
        jwk.update(kid=KEY_ID, use="sig", alg="RS256")
        return _send(start_response, "200 OK", {"keys": [jwk]})


def _send(start_response: StartResponse, status: str, body: dict[str, Any]) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    )
    return [data]


@contextmanager
def running_provider() -> Iterator[TestProvider]:
    """The provider, listening on a free port of 127.0.0.1 until the block ends."""
    provider = TestProvider()
    server = make_server("127.0.0.1", 0, provider, WSGIServer, _QuietHandler)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def sso_settings(settings: Any, provider: TestProvider) -> None:
    """Point Fairhear's single sign-on at the provider, as a council's environment would."""
    settings.FAIRHEAR_OIDC_SERVER_URL = provider.issuer
    settings.FAIRHEAR_OIDC_NAME = "your council account"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "council",
                    "name": "your council account",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": provider.issuer},
                }
            ],
        }
    }
    settings.FAIRHEAR_OIDC_ROLE_GROUPS = {
        "Complaints manager": ["grp-complaints-managers"],
        "Complaints officer": ["grp-complaints-officers"],
        "Service manager": ["grp-service-managers"],
        "Investigator": [],
        "Report viewer": ["grp-report-viewers", "grp-councillors"],
    }
    settings.FAIRHEAR_OIDC_SERVICE_AREA_GROUPS = ["grp-front-door=Front Door"]
