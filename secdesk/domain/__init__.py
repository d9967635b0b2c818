"""The domain model of SPEC.md as SQLAlchemy 2 typed mappings, one module per aggregate.

Importing this package registers every table on ``Base.metadata``.
"""

from secdesk.domain.allocation import IdAllocation, Organisation
from secdesk.domain.audit import AuditEntry
from secdesk.domain.base import Base
from secdesk.domain.change import ChangeRequest, ChangeRequestItem, Notification
from secdesk.domain.contact import OperationsContact
from secdesk.domain.enquiry import DEFAULT_CATEGORIES, Enquiry, EnquiryCategory
from secdesk.domain.enums import (
    AuditAction,
    ChangeDecision,
    ChangeRequestStatus,
    Channel,
    Classification,
    ContactPriority,
    DccUserRole,
    EnquiryStatus,
    LicenceType,
    MembershipEventKind,
    NotificationRecipient,
    OrganisationType,
    PartyCategory,
    PartyStatus,
)
from secdesk.domain.lock import StoreLock
from secdesk.domain.party import (
    Affiliate,
    EnergyLicence,
    GasIdentifier,
    MembershipEvent,
    Mpid,
    Party,
    PartyDccRole,
    PartyName,
    VotingGroup,
)
from secdesk.domain.publication import Publication, PublicationFile, SpreadsheetSetting

__all__ = [
    "DEFAULT_CATEGORIES",
    "Affiliate",
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
    "EnquiryCategory",
    "EnquiryStatus",
    "GasIdentifier",
    "IdAllocation",
    "LicenceType",
    "MembershipEvent",
    "MembershipEventKind",
    "Mpid",
    "Notification",
    "NotificationRecipient",
    "OperationsContact",
    "Organisation",
    "OrganisationType",
    "Party",
    "PartyCategory",
    "PartyDccRole",
    "PartyName",
    "PartyStatus",
    "Publication",
    "PublicationFile",
    "SpreadsheetSetting",
    "StoreLock",
    "VotingGroup",
]
