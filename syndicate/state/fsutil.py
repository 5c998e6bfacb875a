"""Files we read and write, kept in their folders.

Atomic writes: a reader (or a crash) never sees a half-written file. Reads: only a
regular file inside its folder once links are resolved (a link to /etc/passwd, a FIFO
that never ends, /dev/zero), and never more than a cap."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes | str) -> bool:
    """Write via a temp file in the same folder, fsync, rename. Returns False (and writes
    nothing) when the file already holds exactly this content."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


class OutsideError(OSError):
    """A path that leads out of its folder, or to something that is not a regular file."""


def inside(path: Path, folder: Path | None = None) -> Path:
    """``path`` resolved, if it stays inside ``folder`` (its own folder by default);
    links within the folder are fine."""
    try:
        base = (folder or path.parent).resolve()
        real = path.resolve()
    except RuntimeError:  # a symlink loop (Path.resolve's error for it before 3.13)
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None
    if real != base and not real.is_relative_to(base):
        raise OutsideError("a link to a file outside its folder; not read")
    return real


def read_inside(path: Path, limit: int, folder: Path | None = None) -> bytes:
    """At most ``limit + 1`` bytes of a regular file inside its folder (one more than
    the limit says it is over). Special files are refused without blocking."""
    real = inside(path, folder)
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutsideError("not a regular file (a pipe, device or folder); not read")
        chunks, left = [], limit + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
