"""The Qt layer: the only package that imports PySide6 (tests/test_architecture.py).

Loading it takes PySide6's feature hook off Python's import (secdesk.gui.import_hook says
why), before any screen's module is imported."""

from secdesk.gui.import_hook import drop_feature_hook

drop_feature_hook()
