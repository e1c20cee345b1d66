"""The tokens handed to visitors (a draft's cookie, a status link) are stored only as a hash."""

import hashlib


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
