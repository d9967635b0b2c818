"""Microsoft's part in a Microsoft 365 sign-in, played for the tests (the real one is out of
reach): the sign-in service MSAL talks to — discovery, device code, tokens, refreshing —
as MSAL's HTTP client, and the token introspection Dovecot asks over real HTTP on
127.0.0.1 (its oauth2 passdb), so that the IMAP server the tests start accepts exactly the
tokens this "Microsoft" issued and no others."""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

TENANT, CLIENT_ID = "secas.example", "0d5f6e2a-1b3c-4d5e-8f90-123456789abc"
HOST = "https://login.microsoftonline.com"
DISCOVERY = "/.well-known/openid-configuration"


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


class Response:
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status_code = status
        self.text = json.dumps(body)
        self.headers: dict[str, str] = {"Content-Type": "application/json"}

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise RuntimeError(self.text)


class FakeMicrosoft:
    def __init__(self, imap_user: str) -> None:
        self.imap_user = imap_user  # whose mailbox the tokens open
        self.access: dict[str, float] = {}  # token → when it expires
        self.refresh: set[str] = set()
        self.approved = True  # the user has entered the device code
        self.lifetime = 3600  # seconds an access token lasts
        self.token_requests: list[str] = []  # grant types, in order
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def introspection_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/introspect"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def revoke_everything(self) -> None:
        """As an administrator revoking the user's sessions does."""
        self.access.clear()
        self.refresh.clear()

    # ---- Dovecot's side: is this token good? ----------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                token = (form.get("token") or [""])[0]
                good = fake.access.get(token, 0) > time.time()
                body = {"active": True, "username": fake.imap_user} if good else {"active": False}
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    # ---- MSAL's side: the HTTP client it is given -----------------------------------------

    def get(self, url: str, params: Any = None, headers: Any = None, **_: Any) -> Response:
        if url.endswith(DISCOVERY):
            base = f"{HOST}/{TENANT}/oauth2/v2.0"
            return Response(
                200,
                {
                    "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token",
                    "device_authorization_endpoint": f"{base}/devicecode",
                    "issuer": f"{HOST}/tenant-id/v2.0",
                },
            )
        if "/discovery/instance" in url:
            aliases = ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com"]
            return Response(
                200,
                {
                    "tenant_discovery_endpoint": f"{HOST}/{TENANT}/v2.0{DISCOVERY}",
                    "metadata": [
                        {
                            "preferred_network": "login.microsoftonline.com",
                            "preferred_cache": "login.windows.net",
                            "aliases": aliases,
                        }
                    ],
                },
            )
        return Response(404, {"error": "not_found"})

    def post(
        self, url: str, params: Any = None, data: Any = None, headers: Any = None, **_: Any
    ) -> Response:
        form = (
            data if isinstance(data, dict) else {k: v[0] for k, v in parse_qs(data or "").items()}
        )
        if url.endswith("/devicecode"):
            return Response(
                200,
                {
                    "device_code": "device-code",
                    "user_code": "SECAS-CODE",
                    "verification_uri": "https://microsoft.com/devicelogin",
                    "expires_in": 900,
                    "interval": 0,
                    "message": "To sign in, use a web browser to open the page "
                    "https://microsoft.com/devicelogin and enter the code SECAS-CODE",
                },
            )
        if url.endswith("/token"):
            grant = str(form.get("grant_type", ""))
            self.token_requests.append(grant)
            if grant.endswith("device_code"):
                if not self.approved:
                    return Response(400, {"error": "authorization_pending"})
                return Response(200, self._tokens())
            if grant == "refresh_token":
                if form.get("refresh_token") not in self.refresh:
                    return Response(
                        400,
                        {
                            "error": "invalid_grant",
                            "error_description": "AADSTS700082: The refresh token has expired",
                        },
                    )
                return Response(200, self._tokens())
        return Response(400, {"error": "unsupported", "error_description": url})

    def close(self) -> None:
        pass

    def _tokens(self) -> dict[str, Any]:
        now = int(time.time())
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(900)
        self.access[access] = now + self.lifetime
        self.refresh.add(refresh)
        claims = {
            "aud": CLIENT_ID,
            "iss": f"{HOST}/tenant-id/v2.0",
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "name": "Jo Bloggs",
            "oid": "object-id",
            "preferred_username": "jo.bloggs@secas.example",
            "sub": "subject",
            "tid": "tenant-id",
        }
        return {
            "token_type": "Bearer",
            "scope": "https://outlook.office.com/IMAP.AccessAsUser.All",
            "expires_in": self.lifetime,
            "ext_expires_in": self.lifetime,
            "access_token": access,
            "refresh_token": refresh,
            "id_token": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}.",
            "client_info": _b64({"uid": "object-id", "utid": "tenant-id"}),
        }
