"""tokens: secrets in links and the short join code."""

import hashlib
import re

import pytest

from facilitation.core.tokens import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    hash_token,
    new_join_code,
    new_token,
    normalise_join_code,
    token_matches,
)


def test_new_token_is_unique_long_and_url_safe() -> None:
    """Tokens differ every time, are at least 32 chars and URL-safe."""
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert len(token) >= 32
        assert re.fullmatch(r"[A-Za-z0-9_-]+", token)


def test_hash_token_is_hex_sha256() -> None:
    """hash_token is the hex SHA-256 of the UTF-8 token."""
    assert hash_token("abc") == hashlib.sha256(b"abc").hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", hash_token(new_token()))


def test_token_matches_right_token() -> None:
    """The token whose hash is stored matches."""
    token = new_token()
    assert token_matches(token, hash_token(token)) is True


def test_token_matches_wrong_token() -> None:
    """Another token does not match."""
    assert token_matches(new_token(), hash_token(new_token())) is False


@pytest.mark.parametrize("missing", [None, ""])
def test_token_matches_missing_token(missing: str | None) -> None:
    """No token never matches, even against the hash of ''."""
    assert token_matches(missing, hash_token("")) is False


def test_join_code_alphabet_has_no_confusable_characters() -> None:
    """0, O, 1, I and L are never used."""
    for confusable in "0O1IL":
        assert confusable not in JOIN_CODE_ALPHABET


def test_join_codes_are_six_characters_from_the_alphabet() -> None:
    """Every drawn code has length 6 and only alphabet characters."""
    assert JOIN_CODE_LENGTH == 6
    codes = [new_join_code() for _ in range(500)]
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(JOIN_CODE_ALPHABET)
    assert len(set(codes)) > 490


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("k7m-2qx ", "K7M2QX"), (" K7M 2QX", "K7M2QX"), ("k-7-m-2-q-x", "K7M2QX"), ("", ""), (None, "")],
)
def test_normalise_join_code(raw: str | None, expected: str) -> None:
    """Typed codes are upper-cased with spaces and dashes dropped."""
    assert normalise_join_code(raw) == expected
