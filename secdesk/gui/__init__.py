"""The Qt layer: the only package that imports PySide6 (tests/test_architecture.py)."""
