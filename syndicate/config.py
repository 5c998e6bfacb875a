"""Settings from ``syndicate.toml`` at the project root; command-line options win.

Also the two small records a run is keyed by (:class:`Options`, :class:`FeedSite`): they
live here, with no heavy imports, so a run that finds nothing changed loads no pipeline.
"""

from __future__ import annotations

import re
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
    cluster: str | None = None  # a Dask scheduler's address (tcp://HOST:8786)
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
        if not isinstance(s, dict):
            raise ValueError(f"{path}: [syndicate] must be a table of settings")
        root = path.parent

        def want(key: str, kind: type | tuple, what: str) -> object:
            value = s[key]
            if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
                raise ValueError(f"{path}: {key} must be {what}, not {value!r}"[:200])
            return value

        cfg = cls()
        for key in ("articles", "feeds", "translations", "state", "glossary"):
            if s.get(key) is not None and s.get(key) != "":
                setattr(cfg, key, root / str(want(key, str, "a folder or file path")))
            elif getattr(cfg, key) is not None:
                setattr(cfg, key, root / getattr(cfg, key))
        for key in ("targets", "engines"):
            if key in s:
                values = want(key, list, "a list of strings")
                if not all(isinstance(v, str) for v in values):
                    raise ValueError(f"{path}: {key} must be a list of strings")
                setattr(cfg, key, list(values))
        if s.get("cluster"):
            cfg.cluster = cluster_address(str(want("cluster", str, "an address")), str(path))
        for key in ("base_url", "title", "id_authority"):
            if key in s:
                setattr(cfg, key, want(key, str, "a string"))
        for key, kind, least in (("max_items", int, 1), ("jobs", int, 1)):
            if key in s:
                if want(key, kind, "a whole number") < least:
                    raise ValueError(f"{path}: {key} must be {least} or more")
                setattr(cfg, key, s[key])
        if "engine_timeout" in s:
            timeout = want("engine_timeout", (int, float), "a number of seconds")
            if timeout <= 0:
                raise ValueError(f"{path}: engine_timeout must be more than 0 seconds")
            cfg.engine_timeout = float(timeout)
        from syndicate.sources.partners import from_config

        cfg.sources = from_config(data.get("sources", s.get("sources")), str(path))
        for src in cfg.sources:  # a feed file named in the settings is beside them
            if not src.remote and not Path(src.url).is_absolute():
                src.url = str(root / src.url)
        return cfg


def cluster_address(address: str, where: str = "--cluster") -> str:
    """A Dask scheduler's address, checked before the run tries it: tcp://HOST:PORT."""
    m = re.fullmatch(
        r"(?:(tcp|tls|inproc|ucx|ws|wss)://)?([\w.\-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})", address
    )
    if not m or not 0 < int(m.group(3)) < 65536:
        raise ValueError(
            f"{where}: {address!r} is not a scheduler address; give tcp://HOST:PORT"[:200]
        )
    return address if m.group(1) else f"tcp://{address}"
