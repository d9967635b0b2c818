"""The domain model of SPEC.md as SQLAlchemy 2 typed mappings, one module per aggregate.

A module is imported, and its classes mapped, when one of its names is first asked for
(``from secdesk.domain import Party`` maps the Party aggregate only). Mapping costs about a
millisecond a class, so the first screen maps what it shows and no more: the Parties list
needs the Party aggregate, half the classes. What needs the whole schema on ``Base.metadata``
(migrations, the audit trail's table names) calls ``load_all()`` first.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secdesk.domain.allocation import IdAllocation, Organisation
    from secdesk.domain.assessment import (
        Assessment,
        EnquiryAssessment,
        G527Return,
        SecurityProfile,
    )
    from secdesk.domain.audit import AuditEntry
    from secdesk.domain.base import Base
    from secdesk.domain.change import ChangeRequest, ChangeRequestItem, Notification
    from secdesk.domain.contact import OperationsContact
    from secdesk.domain.enquiry import DEFAULT_CATEGORIES, Enquiry, EnquiryCategory
    from secdesk.domain.enums import (
        AssessmentKind,
        AssessmentOutcome,
        AuditAction,
        ChangeDecision,
        ChangeRequestStatus,
        Channel,
        Classification,
        ContactPriority,
        DccUserRole,
        EnquiryStatus,
        EntryTest,
        LicenceType,
        MailState,
        MembershipEventKind,
        NotificationRecipient,
        NotifyAgreement,
        OrganisationType,
        PartyCategory,
        PartyStatus,
        PublicationState,
    )
    from secdesk.domain.lock import StoreLock
    from secdesk.domain.mail import MailAccount, MailMessage
    from secdesk.domain.panel import PanelMeeting
    from secdesk.domain.party import (
        Affiliate,
        EnergyLicence,
        GasIdentifier,
        MembershipEvent,
        Mpid,
        Party,
        PartyDccRole,
        PartyName,
        TestingCompletion,
        VotingGroup,
    )
    from secdesk.domain.publication import Publication, PublicationFile, SpreadsheetSetting
    from secdesk.domain.setting import StoreSetting

# Each public name and the module that defines it (a test holds this, the imports for the
# type checker and __all__ to the modules).
_MODULES: dict[str, tuple[str, ...]] = {
    "allocation": ("IdAllocation", "Organisation"),
    "assessment": ("Assessment", "EnquiryAssessment", "G527Return", "SecurityProfile"),
    "audit": ("AuditEntry",),
    "base": ("Base",),
    "change": ("ChangeRequest", "ChangeRequestItem", "Notification"),
    "contact": ("OperationsContact",),
    "enquiry": ("DEFAULT_CATEGORIES", "Enquiry", "EnquiryCategory"),
    "enums": (
        "AssessmentKind",
        "AssessmentOutcome",
        "AuditAction",
        "ChangeDecision",
        "ChangeRequestStatus",
        "Channel",
        "Classification",
        "ContactPriority",
        "DccUserRole",
        "EnquiryStatus",
        "EntryTest",
        "LicenceType",
        "MailState",
        "MembershipEventKind",
        "NotificationRecipient",
        "NotifyAgreement",
        "OrganisationType",
        "PartyCategory",
        "PartyStatus",
        "PublicationState",
    ),
    "lock": ("StoreLock",),
    "mail": ("MailAccount", "MailMessage"),
    "panel": ("PanelMeeting",),
    "party": (
        "Affiliate",
        "EnergyLicence",
        "GasIdentifier",
        "MembershipEvent",
        "Mpid",
        "Party",
        "PartyDccRole",
        "PartyName",
        "TestingCompletion",
        "VotingGroup",
    ),
    "publication": ("Publication", "PublicationFile", "SpreadsheetSetting"),
    "setting": ("StoreSetting",),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "DEFAULT_CATEGORIES",
    "Affiliate",
    "Assessment",
    "AssessmentKind",
    "AssessmentOutcome",
    "AuditAction",
    "AuditEntry",
    "Base",
    "ChangeDecision",
    "ChangeRequest",
    "ChangeRequestItem",
    "ChangeRequestStatus",
    "Channel",
    "Classification",
    "ContactPriority",
    "DccUserRole",
    "EnergyLicence",
    "Enquiry",
    "EnquiryAssessment",
    "EnquiryCategory",
    "EnquiryStatus",
    "EntryTest",
    "G527Return",
    "GasIdentifier",
    "IdAllocation",
    "LicenceType",
    "MailAccount",
    "MailMessage",
    "MailState",
    "MembershipEvent",
    "MembershipEventKind",
    "Mpid",
    "Notification",
    "NotificationRecipient",
    "NotifyAgreement",
    "OperationsContact",
    "Organisation",
    "OrganisationType",
    "PanelMeeting",
    "Party",
    "PartyCategory",
    "PartyDccRole",
    "PartyName",
    "PartyStatus",
    "Publication",
    "PublicationFile",
    "PublicationState",
    "SecurityProfile",
    "SpreadsheetSetting",
    "StoreLock",
    "StoreSetting",
    "TestingCompletion",
    "VotingGroup",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'secdesk.domain' has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked for once
    return value


def load_all() -> None:
    """Map every aggregate, so ``Base.metadata`` and ``Base.registry`` hold the whole schema."""
    for module in _MODULES:
        import_module(f"{__name__}.{module}")
