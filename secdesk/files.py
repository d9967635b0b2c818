"""Writing a file so that it is never seen half-written: write a temporary file beside it
(same folder, so the rename stays a rename), flush it to disk, then rename it over."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _process_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once, while secdesk starts (umask can only be read by setting it).
_UMASK = _process_umask()


def _mode_for(path: Path) -> int:
    """The permissions the file should have: those it has, if it is replaced, else those
    an ordinary new file gets (a report saved to a shared folder is readable by the team,
    not only by its writer as a temporary file is)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


@contextmanager
def replaced_atomically(path: Path) -> Iterator[Path]:
    """A temporary path to write; when the block ends it replaces ``path`` in one rename,
    or, if the block failed, it is removed and ``path`` is untouched."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    except OSError as exc:
        raise _about(exc, path) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _about(exc, path) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _about(exc: OSError, path: Path) -> OSError:
    """The error, about the file being written rather than its hidden temporary copy."""
    return OSError(exc.errno, exc.strerror, str(path))
