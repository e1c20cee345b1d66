"""A security key in software, for the tests that sign in without a browser.

It answers django-allauth's WebAuthn requests as a USB key with a PIN would: a P-256 key pair
made for one account, no attestation, a counter that goes up at each use. The options come
from the page (its JSON element "webauthn-options"), the answer goes in the form's hidden
credential field, as the browser's webauthn.js would send them.
"""

import hashlib
import json
import re
import secrets
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticationResponse,
    AuthenticatorAssertionResponse,
    AuthenticatorAttestationResponse,
    AuthenticatorData,
    CollectedClientData,
    RegistrationResponse,
)

_FLAGS = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV
_OPTIONS = re.compile(r'<script id="webauthn-options" type="application/json">(.*?)</script>')


def options_on(page: str) -> dict[str, Any]:
    """The WebAuthn options a page gives its script."""
    found = _OPTIONS.search(page)
    assert found, "the page has no WebAuthn options"
    options: dict[str, Any] = json.loads(found.group(1))
    return options


class SoftwareKey:
    def __init__(self, origin: str = "https://testserver") -> None:
        self.origin = origin
        self.credential_id = secrets.token_bytes(32)
        self._private = ec.generate_private_key(ec.SECP256R1())
        self._counter = 0

    def create(self, options: dict[str, Any]) -> str:
        """The key's answer to the options for adding it (navigator.credentials.create)."""
        public = options["publicKey"]
        credential = AttestedCredentialData.create(
            bytes(16), self.credential_id, ES256.from_cryptography_key(self._private.public_key())
        )
        data = AuthenticatorData.create(
            _rp_id_hash(public["rp"]["id"]),
            _FLAGS | AuthenticatorData.FLAG.AT,
            self._counter,
            credential,
        )
        client = CollectedClientData.create("webauthn.create", public["challenge"], self.origin)
        response = RegistrationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAttestationResponse(
                client_data=client, attestation_object=AttestationObject.create("none", data, {})
            ),
        )
        return json.dumps(dict(response))

    def get(self, options: dict[str, Any]) -> str:
        """The key's answer to the options for using it (navigator.credentials.get)."""
        public = options["publicKey"]
        self._counter += 1
        data = AuthenticatorData.create(_rp_id_hash(public["rpId"]), _FLAGS, self._counter)
        client = CollectedClientData.create("webauthn.get", public["challenge"], self.origin)
        signature = self._private.sign(bytes(data) + client.hash, ec.ECDSA(hashes.SHA256()))
        response = AuthenticationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAssertionResponse(
                client_data=client, authenticator_data=data, signature=signature
            ),
        )
        return json.dumps(dict(response))


def _rp_id_hash(rp_id: str) -> bytes:
    return hashlib.sha256(rp_id.encode()).digest()
