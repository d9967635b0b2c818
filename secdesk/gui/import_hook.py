"""Python's import, without the hook PySide6 puts in front of it.

Loading shiboken6 replaces ``builtins.__import__`` with ``__feature_import__``, which serves
``from __feature__ import snake_case, true_property``. To learn which modules might opt in,
it reads the source of every module imported from then on (``inspect.getsource``, looking
for the word "PySide6"). The GUI imports Qt first, and SQLAlchemy, the domain and most of
its own screens after it: some 260 modules read on the way to the party list, a tenth of
the work of getting there. The hook also swaps ``builtins.__import__`` out and back around
each import, so an import on another thread at that moment (the store opens on a worker
while the window paints) goes past it anyway.

secdesk never opts in to a feature (tests/test_architecture.py holds it to that), and with
no feature chosen anywhere Qt behaves the same for a module the hook never read. So the
hook goes as the GUI package loads. What it handed each import on to stays in place
(PySide6's own ``__lazy_import__``, part of how it builds Qt's types only when first used);
only the feature layer goes.
"""

from __future__ import annotations

import builtins

import shiboken6  # noqa: F401  (loading it installs the hook removed below)


def drop_feature_hook() -> bool:
    """Put back the import PySide6's feature hook stands in front of; True if it did.

    Any other replacement of ``__import__`` (a profiler's, a test runner's) is left alone.
    """
    feature_import = getattr(builtins, "__feature_import__", None)
    underneath = getattr(builtins, "__orig_import__", None)
    if feature_import is None or underneath is None or builtins.__import__ is not feature_import:
        return False
    builtins.__import__ = underneath
    return True
