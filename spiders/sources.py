"""``sources.yaml``: which news sites and which EDGAR filers to crawl.

One bad entry must not stop the nightly crawl of every other source, so entries are
validated one by one and each problem is reported with the line it sits on; only a file
that is not YAML at all is fatal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from finclaims.errors import FinclaimsError

SEC_TICKERS = "https://www.sec.gov/files/company_tickers.json"
SEC_SUBMISSIONS = "https://data.sec.gov/submissions/"
SEC_ARCHIVES = "https://www.sec.gov/Archives/edgar/data/"
SEC_COMPANYFACTS = "https://data.sec.gov/api/xbrl/companyfacts/"


class SourcesError(FinclaimsError, ValueError):
    """The sources file cannot be read at all."""


class ConfigProblem(BaseModel):
    """One entry skipped, and why; ``line`` is 1-based."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NewsSource(_Config):
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    publisher: str | None = None
    allowed_domains: list[str] = Field(default_factory=list)
    feeds: list[str] = Field(default_factory=list)
    sitemaps: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)

    @field_validator("feeds", "sitemaps", "urls")
    @classmethod
    def _http_urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"not an http(s) URL: {url!r}")
        return urls


class EdgarEndpoints(_Config):
    tickers: str = SEC_TICKERS
    submissions: str = SEC_SUBMISSIONS
    archives: str = SEC_ARCHIVES
    # Unset: beside ``submissions`` as on data.sec.gov (``.../submissions/`` ->
    # ``.../api/xbrl/companyfacts/``), so a mirror configured by its submissions URL is
    # asked for company facts too, never the real SEC behind its back.
    companyfacts: str | None = None

    @field_validator("submissions", "archives", "companyfacts")
    @classmethod
    def _trailing_slash(cls, url: str | None) -> str | None:
        if url is None:
            return None
        return url if url.endswith("/") else url + "/"

    @model_validator(mode="after")
    def _companyfacts_beside_submissions(self) -> EdgarEndpoints:
        if self.companyfacts is None:
            base = self.submissions.removesuffix("/").removesuffix("submissions")
            self.companyfacts = f"{base.rstrip('/')}/api/xbrl/companyfacts/"
        return self


class EdgarConfig(_Config):
    user_agent: str | None = None
    tickers: list[str] = Field(default_factory=list)
    forms: list[str] = Field(default_factory=lambda: ["8-K", "10-Q", "10-K"])
    items: list[str] = Field(default_factory=lambda: ["2.02", "7.01", "8.01"])
    exhibits: list[str] = Field(default_factory=lambda: ["EX-99.1", "EX-99.2"])
    endpoints: EdgarEndpoints = Field(default_factory=EdgarEndpoints)

    @field_validator("tickers")
    @classmethod
    def _upper(cls, tickers: list[str]) -> list[str]:
        return [t.upper() for t in tickers]


class SourcesConfig(_Config):
    """The usable part of ``sources.yaml``; ``problems`` lists every entry left out."""

    news: list[NewsSource] = Field(default_factory=list)
    edgar: EdgarConfig | None = None
    problems: list[ConfigProblem] = Field(default_factory=list)

    def news_source(self, name: str) -> NewsSource | None:
        return next((s for s in self.news if s.name == name), None)


class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers where each mapping and each of its keys started."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        mapping = super().construct_mapping(node, deep=deep)
        lines = {"": node.start_mark.line + 1}
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
        mapping["__lines__"] = lines
        return mapping


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__lines__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _line_of(raw: dict, loc: tuple) -> int:
    """Line of the deepest mapping key named in a pydantic error location."""
    line, node = raw.get("__lines__", {}).get("", 0), raw
    for part in loc:
        if isinstance(node, dict):
            line = node.get("__lines__", {}).get(str(part), line)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, dict):
                line = node.get("__lines__", {}).get("", line)
        else:
            break
    return line


def _problems(raw: dict, error: ValidationError, prefix: str) -> list[ConfigProblem]:
    out = []
    for err in error.errors():
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in (prefix, *loc) if p != "")
        out.append(ConfigProblem(line=_line_of(raw, loc), message=f"{where}: {err['msg']}"))
    return out


def _parse_yaml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read sources file ({exc.strerror})") from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourcesError(f"{path}: not valid YAML{where}: {problem}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourcesError(f"{path}: expected a mapping with 'news' and/or 'edgar' at the top")
    return data


def _load_news(entries: Any, line: int) -> tuple[list[NewsSource], list[ConfigProblem]]:
    if entries is None:
        return [], []
    if not isinstance(entries, list):
        return [], [ConfigProblem(line=line, message="news: expected a list of sources")]
    sources, problems, seen = [], [], set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(ConfigProblem(line=line, message=f"news.{i}: expected a mapping"))
            continue
        try:
            source = NewsSource.model_validate(_strip_lines(entry))
        except ValidationError as exc:
            problems += _problems(entry, exc, f"news.{i}")
            continue
        if source.name in seen:
            start = entry["__lines__"][""]
            problems.append(
                ConfigProblem(line=start, message=f"news.{i}: duplicate name {source.name!r}")
            )
            continue
        seen.add(source.name)
        sources.append(source)
    return sources, problems


def _load_edgar(raw: Any, line: int) -> tuple[EdgarConfig | None, list[ConfigProblem]]:
    if raw is None:
        return None, []
    if not isinstance(raw, dict):
        return None, [ConfigProblem(line=line, message="edgar: expected a mapping")]
    try:
        return EdgarConfig.model_validate(_strip_lines(raw)), []
    except ValidationError as exc:
        return None, _problems(raw, exc, "edgar")


def load_sources(path: Path) -> SourcesConfig:
    """Read ``path``; returns the valid part of the configuration, problems attached.

    Raises :class:`SourcesError` only when the file is unreadable or not YAML.
    """
    data = _parse_yaml(Path(path))
    lines = data.get("__lines__", {})
    problems = [
        ConfigProblem(line=lines.get(key, 1), message=f"unknown top-level key {key!r}")
        for key in data
        if key not in {"news", "edgar", "__lines__"}
    ]
    news, news_problems = _load_news(data.get("news"), lines.get("news", 1))
    edgar, edgar_problems = _load_edgar(data.get("edgar"), lines.get("edgar", 1))
    problems += news_problems + edgar_problems
    return SourcesConfig(news=news, edgar=edgar, problems=problems)
