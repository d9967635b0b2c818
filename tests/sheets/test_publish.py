"""One-click publishing: the four files and a note, a record of each publication, nothing
written when nothing changed, and a folder that always holds one complete set."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from secdesk.demo import load_demo
from secdesk.domain import Publication
from secdesk.services import parties
from secdesk.sheets.importer import import_files
from secdesk.sheets.publish import NOTE_NAME, publish
from tests.sheets.conftest import data_cells

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    "ID Allocation.xlsx",
    "Operations Contact List.xlsx",
    "SEC Parties List.xlsx",
    "SEC Party Details List.xlsx",
]


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_publish_writes_the_set_and_records_it(register, tmp_path):
    folder = tmp_path / "Published"
    result = publish(register, folder)
    shown = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert shown == sorted([*FILES, NOTE_NAME])
    assert [p.name for p in folder.glob(".*")] == [".secdesk-publish.lock"]  # hidden
    assert result.number == 1
    with register.session() as session:
        publication = session.scalar(select(Publication))
        assert publication.published_by == "tester"
        recorded = {
            f.file_name: (f.sha256, f.row_count, f.classification.value) for f in publication.files
        }
    on_disk = hashes(folder)
    assert {name: sha for name, (sha, _, _) in recorded.items()} == {
        name: on_disk[name] for name in FILES
    }
    assert recorded["SEC Parties List.xlsx"][1:] == (4, "WHITE")
    assert recorded["Operations Contact List.xlsx"][1:] == (2, "GREEN")
    about = dict(
        load_workbook(folder / "SEC Parties List.xlsx")["About"].iter_rows(values_only=True)
    )
    assert about["Classification"] == "TLP:WHITE"
    assert about["Version"] == "Publication 1"
    note = (folder / NOTE_NAME).read_text()
    assert "publication 1" in note and "First publication: SEC Parties List, 4 rows." in note


def test_publishing_with_no_change_writes_nothing(register, tmp_path):
    folder = tmp_path / "Published"
    publish(register, folder)
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    result = publish(register, folder)
    assert result.nothing_changed
    assert "Nothing has changed since the last publication" in result.lines()[0]
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    with register.session() as session:
        assert session.scalar(select(func.count()).select_from(Publication)) == 1


def test_the_note_says_what_changed(register, tmp_path):
    folder = tmp_path / "Published"
    publish(register, folder)
    with register.unit_of_work() as session:
        [row] = parties.list_parties(session, search="Zeta")
        parties.update_party(
            session,
            row.id,
            {"name": "Zeta Energy Ltd", "notices_email": "new@zeta.example"},
            row.version,
        )
        parties.create_party(session, {"name": "New Power Ltd", "category": "Small Supplier"})
    result = publish(register, folder)
    note = (folder / NOTE_NAME).read_text()
    for line in (
        "  Added: New Power Ltd",
        "  Renamed: Zeta Énergie Ltd → Zeta Energy Ltd",
        "  Changed: Zeta Energy Ltd: Notices E-mail (blank) → new@zeta.example",
    ):
        assert line in note
        assert line in result.changes
    assert "  Renamed: Zeta Énergie Ltd / Jo Bloggs → Zeta Energy Ltd / Jo Bloggs" in note


@pytest.mark.slow
def test_demo_publish_import_publish_gives_identical_data_sheets(store, store_factory, tmp_path):
    load_demo(store, enquiries=0)
    first = tmp_path / "first"
    publish(store, first)
    empty = store_factory()
    report = import_files(empty, [first / name for name in FILES])
    assert report.errors == [] and report.committed
    second = tmp_path / "second"
    publish(empty, second)
    for name in FILES:
        assert data_cells(second / name) == data_cells(first / name), name


def test_verification_refuses_a_file_that_does_not_read_back(register, tmp_path):
    import zipfile

    from secdesk.domain import Classification
    from secdesk.errors import StoreError
    from secdesk.sheets.published_sheets import PARTIES_LIST
    from secdesk.sheets.read_back import count_rows, verify
    from tests.sheets.conftest import export_all

    path = export_all(register, tmp_path)["parties"]
    verify(path, PARTIES_LIST, 4, Classification.WHITE)  # as written: no complaint
    with pytest.raises(StoreError, match="4 rows instead of 3"):
        verify(path, PARTIES_LIST, 3, Classification.WHITE)
    with pytest.raises(StoreError, match="another classification"):
        verify(path, PARTIES_LIST, 4, Classification.GREEN)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(StoreError, match="could not be read back"):
        verify(broken, PARTIES_LIST, 4, Classification.WHITE)

    # A part whose bytes changed fails its CRC check: the About sheet, stored uncompressed
    # so that one letter of it can be changed in place.
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(stored, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    verify(stored, PARTIES_LIST, 4, Classification.WHITE)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(stored.read_bytes().replace(b"Produced by", b"Produced bY", 1))
    with pytest.raises(StoreError, match="could not be read back"):
        verify(damaged, PARTIES_LIST, 4, Classification.WHITE)

    # A <row tag cut in two by the 1 MiB read blocks is counted once.
    archive_path = tmp_path / "rows.zip"
    padding = b" " * ((1 << 20) - 2)
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("sheet.xml", padding + b"<row r='1'/><row r='2'/>")
    with zipfile.ZipFile(archive_path) as archive:
        assert count_rows(archive, "sheet.xml") == 2
