"""The colours of every report chart, in series order: the window's chart and the saved
workbook's use the same list, so a category is the same colour on screen and on paper.
Twelve hues that stay apart from each other and from black (no near-black navy or brown),
readable on white and printed in greyscale as distinct tones."""

from __future__ import annotations

SERIES_COLOURS: tuple[str, ...] = (
    "1F77B4",  # blue
    "FF7F0E",  # orange
    "2CA02C",  # green
    "D62728",  # red
    "9467BD",  # purple
    "8C564B",  # brown
    "E377C2",  # pink
    "7F7F7F",  # grey
    "BCBD22",  # olive
    "17BECF",  # cyan
    "AEC7E8",  # light blue
    "FFBB78",  # light orange
)


def series_colour(number: int) -> str:
    """The RRGGBB colour of the ``number``-th series (from 0), round again after twelve."""
    return SERIES_COLOURS[number % len(SERIES_COLOURS)]
