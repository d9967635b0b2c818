"""The fixed vocabularies of SPEC.md. Values are the words people read and the spreadsheets
print; they are stored as they are (see base.enum_column)."""

from __future__ import annotations

import enum

from secdesk.errors import ValidationError


class PartyCategory(enum.StrEnum):
    LARGE_SUPPLIER = "Large Supplier"
    SMALL_SUPPLIER = "Small Supplier"
    ELECTRICITY_NETWORK = "Electricity Network"
    GAS_NETWORK = "Gas Network"
    OTHER = "Other SEC Party"

    @property
    def is_supplier(self) -> bool:
        """Supplier Parties may consent to the Alternative HAN Company being told of a
        change in their details."""
        return self in (PartyCategory.LARGE_SUPPLIER, PartyCategory.SMALL_SUPPLIER)


class PartyStatus(enum.StrEnum):
    APPLICANT = "Applicant"
    PARTY = "Party"
    IN_DEFAULT = "In Default"
    WITHDRAWN = "Withdrawn"
    EXPELLED = "Expelled"

    @property
    def is_current(self) -> bool:
        return self not in (PartyStatus.WITHDRAWN, PartyStatus.EXPELLED)


class MembershipEventKind(enum.StrEnum):
    ACCESSION = "Accession"
    DEFAULT = "Event of Default"
    DEFAULT_CURED = "Default Cured"
    WITHDRAWAL = "Withdrawal"
    EXPULSION = "Expulsion"


class LicenceType(enum.StrEnum):
    ELECTRICITY_SUPPLY = "Electricity Supply"
    ELECTRICITY_DISTRIBUTION = "Electricity Distribution"
    GAS_SUPPLY = "Gas Supply"
    GAS_SHIPPER = "Gas Shipper"
    GAS_TRANSPORTER = "Gas Transporter"
    SMART_METER_COMMUNICATION = "Smart Meter Communication"


class DccUserRole(enum.StrEnum):
    """DCC User roles; the value is the abbreviation the SEC uses."""

    IMPORT_SUPPLIER = "IS"
    EXPORT_SUPPLIER = "ES"
    GAS_SUPPLIER = "GS"
    REGISTERED_SUPPLIER_AGENT = "RSA"
    ELECTRICITY_DISTRIBUTOR = "ED"
    GAS_TRANSPORTER = "GT"
    OTHER_USER = "OU"

    @property
    def words(self) -> str:
        """The role as the Operations Report writes it: "Import Supplier"."""
        return self.name.replace("_", " ").title()


def role_by_words(text: str, label: str) -> DccUserRole:
    """A DCC User role from its code ("IS") or its words ("Import Supplier")."""
    wanted = " ".join(text.replace("_", " ").split()).casefold()
    for role in DccUserRole:
        if wanted in (role.value.casefold(), role.words.casefold()):
            return role
    known = ", ".join(f"{r.value} ({r.words})" for r in DccUserRole)
    raise ValidationError(label, f"{text!r} is not a DCC User role: one of {known}")


class EntryTest(enum.StrEnum):
    """The entry tests a Party completes before it may use the DCC's services."""

    SREPT = "SREPT"  # SMKI and Repository Entry Process Testing
    UEPT = "UEPT"  # User Entry Process Testing, for each DCC User role


class ContactPriority(enum.StrEnum):
    MAIN = "Main"
    ALTERNATIVE = "Alternative"
    ESCALATION = "Escalation"


class OrganisationType(enum.StrEnum):
    PARTY = "Party"
    DCC = "DCC"
    RDP = "RDP"


class Channel(enum.StrEnum):
    EMAIL = "Email"
    TELEPHONE = "Telephone"
    OTHER = "Other"


class EnquiryStatus(enum.StrEnum):
    OPEN = "Open"
    WAITING_ON_PARTY = "Waiting on Party"
    RESOLVED = "Resolved"


class ChangeRequestStatus(enum.StrEnum):
    OPEN = "Open"
    ACTIONED = "Actioned"
    REJECTED = "Rejected"


class ChangeDecision(enum.StrEnum):
    PENDING = "Pending"
    APPROVED = "Approved"
    REJECTED = "Rejected"


class NotificationRecipient(enum.StrEnum):
    DCC = "DCC"
    ALT_HAN_CO = "Alt HAN Co"


class Classification(enum.StrEnum):
    """Panel Information Policy (Traffic Light Protocol)."""

    WHITE = "WHITE"
    GREEN = "GREEN"


class PublicationState(enum.StrEnum):
    """Where a publication stands. It is recorded Pending before its files are swapped into
    the folder, and Published once they are all there; a swap that did not finish is
    undone and its publication Abandoned (its number is never used again)."""

    PENDING = "Pending"
    PUBLISHED = "Published"
    ABANDONED = "Abandoned"


class AuditAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class MailState(enum.StrEnum):
    """Where an e-mail in the inbox stands: waiting to be logged, logged as an enquiry (or
    as part of one), or set aside as not an enquiry (an auto-reply, a newsletter)."""

    NEW = "new"
    LOGGED = "logged"
    NOT_AN_ENQUIRY = "not an enquiry"


class AssessmentKind(enum.StrEnum):
    """The security and privacy assessments SECAS's Security & Privacy team runs."""

    FUSA = "Full User Security Assessment"
    VUSA = "Verification User Security Assessment"
    SSA = "Security Self-Assessment"
    FUPA = "Full User Privacy Assessment"
    RSPA = "Random Sample Privacy Assessment"
    PCA = "Privacy Change Assessment"

    @property
    def short(self) -> str:
        return self.name


class AssessmentOutcome(enum.StrEnum):
    APPROVED = "Approved"
    APPROVED_SUBJECT_TO = "Approved, subject to"
    PROVISIONALLY_APPROVED = "Provisionally approved"
    DEFERRED = "Deferred"

    @property
    def clears_entry(self) -> bool:
        """Whether it lets a Party complete the User Entry Process."""
        return self in (AssessmentOutcome.APPROVED, AssessmentOutcome.APPROVED_SUBJECT_TO)


class NotifyAgreement(enum.StrEnum):
    """How a Party meets G3.17-G3.20 (Duty to Notify and Be Notified)."""

    LETTER_OF_INTENT = "Letter of Intent"
    MOU = "Memorandum of Understanding"
