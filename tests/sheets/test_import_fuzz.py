"""Thousands of mutated workbooks through the importer (fixed seed): each is committed or
refused with the project's own errors, and a refused one leaves the store as it was."""

from __future__ import annotations

import pytest

from tests.sheets import fuzzing

CASES = {"sqlite": 1500, "postgresql": 500}


@pytest.mark.slow
def test_mutated_workbooks_commit_or_are_refused_cleanly(store, backend, tmp_path):
    outcomes = fuzzing.run(store, tmp_path, CASES[backend])
    assert outcomes["committed"] > 0 and outcomes["refused"] > 0
