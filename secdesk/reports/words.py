"""How the Operations Report writes lists and roles: "Import Supplier, Export Supplier and
Gas Supplier"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from secdesk.domain import DccUserRole


def joined(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def roles_in_words(roles: Iterable[DccUserRole]) -> str:
    """The roles in the SEC's order, written out and joined as the Report joins them."""
    order = list(DccUserRole)
    return joined([r.words for r in sorted(set(roles), key=order.index)])


def sentence(text: str) -> str:
    """A reason as a footnote reads: a capital first, a full stop last."""
    text = " ".join(text.split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
