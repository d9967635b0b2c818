"""The cyclic collector stands aside for start-up and bulk work, and always comes back."""

from __future__ import annotations

import gc
import weakref

import pytest

from secdesk import collector


@pytest.fixture(autouse=True)
def _collector_back_on():
    yield
    gc.enable()
    gc.unfreeze()


def test_bulk_work_pauses_it_and_leaves_it_as_found():
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested: still paused inside, not resumed by the inner
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()

    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()  # it was off before: it stays off


def test_it_comes_back_when_the_work_fails():
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("the import failed")
    assert gc.isenabled()


def test_start_up_ends_with_what_it_made_frozen_but_its_garbage_collected():
    class Node:
        pass

    collector.pause()
    assert not gc.isenabled()
    dropped = Node()
    dropped.self = dropped  # a cycle: only the collector can free it
    gone = weakref.ref(dropped)
    del dropped
    collector.resume_after_start_up()
    assert gone() is None  # collected, not frozen for good
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    collector.resume_after_start_up()  # a second ending (the time limit) changes nothing
    assert gc.get_freeze_count() == frozen


def test_publish_runs_with_it_paused(store, monkeypatch, tmp_path):
    from secdesk.sheets import publish as publishing
    from tests.sheets.conftest import build_register

    build_register(store)
    seen = []
    real = publishing.write_workbook

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(publishing, "write_workbook", spy)
    publishing.publish(store, tmp_path)
    assert seen and not any(seen)
    assert gc.isenabled()
