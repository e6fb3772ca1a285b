"""Settings read once from the environment and passed down explicitly.

Secrets (SEC contact, notification URLs) come only from the environment or Prefect
blocks, never from files in the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB = Path("data") / "finclaims.duckdb"


class Settings(BaseSettings):
    """Process-wide configuration; every field is overridable by a ``FINCLAIMS_`` variable."""

    model_config = SettingsConfigDict(env_prefix="FINCLAIMS_", extra="ignore")

    db: Path = Field(default=DEFAULT_DB, description="the analysts' published database")
    sources: Path = Field(default=Path("sources.yaml"), description="crawl configuration")
    sec_user_agent: str | None = Field(
        default=None, description="'Company Name contact@example.com', required by SEC"
    )
    notify_urls: str = Field(
        default="", description="Apprise URLs, space or comma separated, for guidance alerts"
    )
    notify_blocks: str = Field(
        default="", description="Prefect notification blocks, 'block-type/name', for alerts"
    )
    notify_reaffirmed: bool = Field(default=False, description="also announce reaffirmations")

    def notify_url_list(self) -> list[str]:
        """Apprise URLs from ``FINCLAIMS_NOTIFY_URLS`` (spaces or commas between them)."""
        return _split(self.notify_urls)

    def notify_block_list(self) -> list[str]:
        """Block names from ``FINCLAIMS_NOTIFY_BLOCKS`` (spaces or commas between them)."""
        return _split(self.notify_blocks)


def _split(value: str) -> list[str]:
    return [item for item in re.split(r"[\s,]+", value) if item]


def resolve_db(cli_value: Path | None, settings: Settings | None = None) -> Path:
    """``--db``, else ``FINCLAIMS_DB``, else ``./data/finclaims.duckdb``."""
    if cli_value is not None:
        return cli_value
    return (settings or Settings()).db
