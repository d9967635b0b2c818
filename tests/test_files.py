"""A file written whole or not at all, with the permissions an ordinary file would have:
a saved report on a shared folder is readable by the team, and a file replaced keeps its
own permissions (its writer's temporary copy is private)."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from secdesk.files import replaced_atomically


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_new_file_gets_ordinary_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    report = tmp_path / "report.xlsx"
    with replaced_atomically(report) as temporary:
        temporary.write_bytes(b"first")
    assert stat.S_IMODE(report.stat().st_mode) == 0o666 & ~mask
    report.chmod(0o640)
    with replaced_atomically(report) as temporary:
        temporary.write_bytes(b"second")
    assert report.read_bytes() == b"second"
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path):
    kept = tmp_path / "kept.txt"
    kept.write_text("as it was")
    with pytest.raises(RuntimeError), replaced_atomically(kept) as temporary:
        temporary.write_text("half")
        raise RuntimeError("stopped part-way")
    assert kept.read_text() == "as it was"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]
