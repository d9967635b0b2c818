"""What a register says about its editor, kept apart from the editor itself.

A register screen declares its EditorSpec when it is imported; the RecordEditor dialog and
its widgets load only when the user first opens a record. So the first screen paints
without the editor's widgets, conflict dialog or field rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from secdesk.domain.roles import Action

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from secdesk.services.records import FieldSet

# A drop-down's items: what the user reads, and the value stored.
Choices = list[tuple[str, Any]]


@dataclass(frozen=True)
class ListColumn:
    """One part of a list field's items (a licence's type, its reference)."""

    header: str
    choices: Sequence[tuple[str, Any]] | None = None


@dataclass(frozen=True)
class Loaded:
    """A record as the editor opens it: the FieldSet snapshot, its version, a title, and
    read-only facts shown beside the form (a Party's status, its previous names)."""

    values: dict[str, Any]
    version: int
    title: str
    facts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class EditorSpec:
    form: str
    fields: FieldSet
    noun: str
    audit_table: str
    load: Callable[[Session, int], Loaded]
    create: Callable[[Session, dict[str, Any]], int]
    update: Callable[[Session, int, dict[str, Any], int], int]
    # Drop-down choices that come from the store (Parties, voting groups), read off-thread.
    choices: Callable[[Session], dict[str, Choices]] | None = None
    # Starting values of a new record that depend on the store (the next free ID block).
    fresh: Callable[[Session], dict[str, Any]] | None = None
    # Fixed drop-down choices (categories, priorities) and the columns of list fields.
    static_choices: Mapping[str, Choices] = field(default_factory=dict)
    lists: Mapping[str, Sequence[ListColumn]] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    # A drop-down whose items carry more than the stored value: how to find the item for one.
    choice_keys: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    # A field whose widget gives something other than the service's input (a holder choice).
    rules: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    # How a stored value reads in its field (VAT and phone numbers, EUI-64s), if not as_text.
    formats: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)
    # The field the cursor starts in (else the first), and whether a new record's form
    # offers "Save and next" (Ctrl+Enter): saved, then cleared for the next one.
    focus: str | None = None
    save_and_next: bool = False
    # A text field whose new name makes a new record (a voting group): field → what it is.
    # Saving a name its choices do not hold asks first, so a typing slip makes nothing.
    new_names: Mapping[str, str] = field(default_factory=dict)
    # What saving one is, for the role gate (secdesk.gui.kit.role_gate).
    action: Action = Action.EDIT_REGISTER
