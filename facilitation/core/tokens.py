"""Secrets in links: facilitator keys, participant tokens and join codes."""

import hashlib
import hmac
import re
import secrets
from typing import TypeGuard

# No 0/O, 1/I/L: a join code is read aloud and typed on phones.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
# What `new_token()` draws: 24 random bytes as 32 URL-safe characters. A token read back from
# a cookie or a form is used only if it has this shape, so nothing else reaches a page's markup.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")
# The phone's own token (a cookie): people who joined one after another on a shared phone.
DEVICE_COOKIE = "forum_device"


def new_token() -> str:
    """A URL-safe secret with 192 bits of entropy."""
    return secrets.token_urlsafe(24)


def is_token(value: object) -> TypeGuard[str]:
    """Whether `value` has the shape of a token `new_token()` draws."""
    return isinstance(value, str) and TOKEN_SHAPE.fullmatch(value) is not None


def hash_token(token: str) -> str:
    """The hex SHA-256 stored in place of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str | None, stored_hash: str) -> bool:
    """Compare a presented token with a stored hash in constant time."""
    if not token:
        return False
    return hmac.compare_digest(hash_token(token), stored_hash)


def new_join_code() -> str:
    """A short code for the join link, e.g. `K7M2QX`."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: str | None) -> str:
    """Upper-case a typed code and drop spaces and dashes."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())
