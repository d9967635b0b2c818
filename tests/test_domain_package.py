"""secdesk.domain maps an aggregate when one of its names is first asked for; load_all()
maps them all. Both are checked in a fresh interpreter, where nothing was mapped before."""

from __future__ import annotations

import subprocess
import sys


def _run(body: str) -> None:
    done = subprocess.run([sys.executable, "-c", body], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_asking_for_a_name_maps_its_aggregate_only():
    _run(
        "import sys\n"
        "from secdesk.domain import Party, PartyStatus\n"
        "assert Party.__module__ == 'secdesk.domain.party'\n"
        "assert PartyStatus.__module__ == 'secdesk.domain.enums'\n"
        "others = ('change', 'contact', 'enquiry', 'publication', 'lock')\n"
        "loaded = [m for m in others if f'secdesk.domain.{m}' in sys.modules]\n"
        "assert loaded == [], loaded\n"
    )


def test_load_all_maps_every_table_and_each_class_is_a_name_of_the_package():
    _run(
        "import sys\n"
        "import secdesk.domain as domain\n"
        "from secdesk.domain.base import Base\n"
        "domain.load_all()\n"
        "classes = {m.class_ for m in Base.registry.mappers}\n"
        "assert {c.__table__.name for c in classes} == set(Base.metadata.tables)\n"
        "assert len(classes) == 31, len(classes)\n"
        "for c in classes:\n"
        "    assert getattr(domain, c.__name__) is c, c\n"
        "assert sorted(domain.__all__) == sorted(domain._HOME)\n"
        "for name in domain.__all__:\n"
        "    value = getattr(domain, name)\n"
        "    home = domain._HOME[name]\n"
        "    assert getattr(sys.modules[f'secdesk.domain.{home}'], name) is value, name\n"
    )


def test_an_unknown_name_is_an_attribute_error():
    _run(
        "import secdesk.domain as domain\n"
        "try:\n"
        "    domain.Nonesuch\n"
        "except AttributeError as exc:\n"
        "    assert 'Nonesuch' in str(exc)\n"
        "else:\n"
        "    raise AssertionError('no error')\n"
    )
