"""Settings from ``syndicate.toml`` at the project root; command-line options win.

Also the two small records a run is keyed by (:class:`Options`, :class:`FeedSite`): they
live here, with no heavy imports, so a run that finds nothing changed loads no pipeline.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

CONFIG_NAME = "syndicate.toml"


@dataclass
class Options:
    """What the run was asked to do to every article (its command-line options)."""

    targets: list[str]
    source_lang: str | None = None
    quotes: str = "translate"  # translate | keep
    publish_unchecked: bool = False
    republish_stale: bool = False


@dataclass
class FeedSite:
    """Where feeds are written and how they are addressed."""

    out: Path
    base_url: str
    title: str
    authority: str
    max_items: int = 50

    def url(self, path: str) -> str:
        return urljoin(self.base_url if self.base_url.endswith("/") else self.base_url + "/", path)


@dataclass
class Config:
    articles: Path = Path("articles")
    feeds: Path = Path("feeds")
    translations: Path = Path("translations")
    state: Path | None = None
    targets: list[str] = field(default_factory=lambda: ["es", "fr"])
    base_url: str = "http://127.0.0.1:8080/"
    title: str = "Syndicate"
    id_authority: str = "syndicate.example"
    max_items: int = 50
    glossary: Path | None = Path("glossary.toml")
    engines: list[str] | None = None
    engine_timeout: float | None = None
    jobs: int | None = None  # translation work at once; default: the number of cores
    sources: list = field(default_factory=list)  # [[sources]]: partner feeds

    @classmethod
    def load(cls, path: Path | None = None) -> Config:
        """Read ``path``, or ``syndicate.toml`` in the working folder when there is one."""
        if path is None:
            path = Path(CONFIG_NAME)
            if not path.exists():
                return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ValueError(f"{path}: cannot read settings ({e})") from None
        s = data.get("syndicate", data)
        root = path.parent
        cfg = cls()
        for key in ("articles", "feeds", "translations", "state", "glossary"):
            if s.get(key):
                setattr(cfg, key, root / s[key])
            elif getattr(cfg, key) is not None:
                setattr(cfg, key, root / getattr(cfg, key))
        if "targets" in s:
            cfg.targets = [str(t) for t in s["targets"]]
        for key in ("base_url", "title", "id_authority"):
            if key in s:
                setattr(cfg, key, str(s[key]))
        if "max_items" in s:
            cfg.max_items = int(s["max_items"])
        if "engine_timeout" in s:
            cfg.engine_timeout = float(s["engine_timeout"])
        if "jobs" in s:
            cfg.jobs = int(s["jobs"])
        if "engines" in s:
            cfg.engines = [str(e) for e in s["engines"]]
        from syndicate.sources import from_config

        cfg.sources = from_config(data.get("sources", s.get("sources")), str(path))
        for src in cfg.sources:  # a feed file named in the settings is beside them
            if not src.remote and not Path(src.url).is_absolute():
                src.url = str(root / src.url)
        return cfg
