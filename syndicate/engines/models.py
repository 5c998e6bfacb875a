"""Argos model management: list, index, install (from the index or a file), remove.

Uses ``argostranslate.package`` (which imports no torch or stanza) for everything it
does well, and wraps the network in our own bounded calls, because offline it
misbehaves: ``update_package_index()`` logs and returns None (and hangs forever on a
stalled network, having no socket timeout), ``get_available_packages()`` with no local
index recurses until RecursionError, and ``download()`` raises a bare Exception.
Here any network call gives up within ``NETWORK_TIMEOUT`` seconds with one line that
says how to install from a file instead.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from syndicate.safety import printable

NETWORK_TIMEOUT = min(float(os.environ.get("SYNDICATE_NETWORK_TIMEOUT", "10")), 10.0)
OFFLINE_HINT = (
    "download the .argosmodel file elsewhere and run "
    "`syndicate models install ./translate-en_es.argosmodel`"
)


class ModelError(Exception):
    """A model command that failed; the message is one line saying what to do."""


def _fetch(url: str, timeout: float = NETWORK_TIMEOUT) -> bytes:
    """GET url, done or failed within ``timeout`` seconds all told (DNS included)."""
    box: dict[str, object] = {}

    def get() -> None:
        try:
            req = urllib.request.Request(url, headers={"User-Agent": "syndicate"})
            with urllib.request.urlopen(req, timeout=timeout) as r:
                box["data"] = r.read()
        except Exception as e:  # noqa: BLE001 - reported below, whatever it was
            box["error"] = e

    t = threading.Thread(target=get, daemon=True)
    t.start()
    t.join(timeout)
    host = urlsplit(url).netloc
    if t.is_alive():
        raise ModelError(f"no answer from {host} in {timeout:g}s (offline?); {OFFLINE_HINT}")
    if "error" in box:
        e = box["error"]
        why = getattr(e, "reason", None) or e
        raise ModelError(f"cannot reach {host} ({why}); offline? {OFFLINE_HINT}")
    return box["data"]  # type: ignore[return-value]


def _package_module():
    try:
        import argostranslate.package as package
    except ImportError:
        raise ModelError("argostranslate is not installed: run `make setup`") from None
    except OSError as e:
        raise ModelError(f"argostranslate cannot create its folders ({e})") from None
    return package


def installed() -> list[dict]:
    """Installed translate packages, a row per pair (a multilingual package has several):
    pair, version, tokenizer, size on disk, path."""
    from syndicate.engines.argos import installed_packages

    _package_module()
    sizes: dict[Path, int] = {}
    rows = []
    for (src, tgt), p in installed_packages().items():
        if p.path not in sizes:
            sizes[p.path] = sum(f.stat().st_size for f in p.path.rglob("*") if f.is_file())
        rows.append(
            {
                "from": src,
                "to": tgt,
                "type": "translate",
                "version": p.version,
                "tokenizer": p.tokenizer.split(".")[0],
                "target_prefix": p.target_prefix,
                "size": sizes[p.path],
                "path": str(p.path),
            }
        )
    return sorted(rows, key=lambda r: (r["from"], r["to"]))


def update_index() -> Path:
    """Fetch the Argos package index (bounded in time) to where argostranslate reads it."""
    from argostranslate import settings

    data = _fetch(settings.remote_package_index)
    try:
        json.loads(data)
    except ValueError:
        raise ModelError("the Argos package index is not valid JSON; try again later") from None
    from syndicate.state.fsutil import atomic_write

    atomic_write(Path(settings.local_package_index), data)
    return Path(settings.local_package_index)


def available() -> list:
    """Packages in the index: fetched fresh, so it fails fast offline."""
    package = _package_module()
    update_index()
    return package.get_available_packages()


def check_archive(path: Path) -> dict:
    """The metadata of a .argosmodel file, or a clear error if it is not one."""
    from syndicate.engines import argos

    if not path.is_file():
        raise ModelError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{printable(path.name)}: not an Argos package (not a zip archive)")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        meta_names = [n for n in names if n.count("/") == 1 and n.endswith("/metadata.json")]
        if not meta_names:
            raise ModelError(f"{printable(path.name)}: not an Argos package (no metadata.json)")
        top = meta_names[0].split("/")[0]
        if any(not n.startswith(top + "/") or ".." in n.split("/") for n in names):
            raise ModelError(
                f"{printable(path.name)}: refusing an archive with paths outside {top}/"
            )
        try:
            meta = json.loads(z.read(meta_names[0]))
        except ValueError:
            raise ModelError(f"{printable(path.name)}: metadata.json is not valid JSON") from None
        if not isinstance(meta, dict):
            raise ModelError(f"{printable(path.name)}: metadata.json is not an object")
        if meta.get("type", "translate") == "translate":
            if f"{top}/model/model.bin" not in names:
                raise ModelError(
                    f"{printable(path.name)}: not a translate package (no model/model.bin)"
                )
            if not any(f"{top}/{t}" in names for t in argos.TOKENIZER_FILES):
                raise ModelError(
                    f"{path.name}: not a translate package (no sentencepiece.model or bpe.model)"
                )
    if meta.get("type", "translate") == "translate" and not argos.declared_pairs(meta):
        raise ModelError(f"{printable(path.name)}: metadata.json declares no language pair")
    if meta.get("type", "translate") != "translate":
        for key in ("from_code", "to_code"):
            if not meta.get(key):
                raise ModelError(f"{printable(path.name)}: metadata.json has no {key}")
    return meta


def install_file(path: Path) -> dict:
    meta = check_archive(path)
    _package_module().install_from_path(path)
    return meta


def install_pair(src: str, tgt: str) -> dict:
    """Download src->tgt from the index and install it."""
    from argostranslate import settings

    matches = [p for p in available() if p.from_code == src and p.to_code == tgt]
    if not matches:
        raise ModelError(f"the Argos index has no {src}->{tgt} package (see `models available`)")
    pkg = matches[0]
    data = None
    errors = []
    for link in pkg.links:
        try:
            data = _fetch(link, timeout=600)
            break
        except ModelError as e:
            errors.append(str(e))
    if data is None:
        raise ModelError(errors[0] if errors else f"{src}->{tgt} has no download link")
    target = Path(settings.downloads_dir) / f"translate-{src}_{tgt}.argosmodel"
    target.write_bytes(data)
    try:
        return install_file(target)
    finally:
        target.unlink(missing_ok=True)


def remove(src: str, tgt: str) -> str:
    """Uninstall the package that translates src->tgt (all of it, if multilingual)."""
    from syndicate.engines.argos import installed_packages

    package = _package_module()
    found = installed_packages().get((src, tgt))
    if found is None:
        raise ModelError(f"no installed {src}->{tgt} package (see `syndicate models list`)")
    for p in package.get_installed_packages():
        if Path(p.package_path) == found.path:
            package.uninstall(p)
            return str(found.path)
    raise ModelError(f"{found.path}: argostranslate does not list it; remove the folder")
