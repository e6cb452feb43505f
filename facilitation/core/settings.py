"""The app's one settings object, read from the environment and `.env`."""

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///data/forum.db"


def is_loopback_host(host: str | None) -> bool:
    """True for addresses that only reach the machine itself (never for a QR code)."""
    if not host:
        return True
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


class Settings(BaseSettings):
    """Every setting is documented in README.md; a test keeps the two in step."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    public_url: str | None = None
    # Unset on a laptop: whoever reaches the start page runs the forum. On a server
    # anyone can reach, it keeps strangers from creating forums.
    organiser_password: SecretStr | None = None

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql+psycopg://")):
            raise ValueError("DATABASE_URL must start with sqlite:// or postgresql+psycopg://")
        return value

    @field_validator("public_url")
    @classmethod
    def _reachable_public_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("PUBLIC_URL must be an http:// or https:// address")
        if is_loopback_host(parts.hostname):
            raise ValueError("PUBLIC_URL must be an address phones can reach, not localhost")
        return value.strip().rstrip("/")

    @field_validator("organiser_password")
    @classmethod
    def _blank_password_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        # `ORGANISER_PASSWORD=` in a .env file means no password, not an empty one.
        return value if value is not None and value.get_secret_value().strip() else None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
