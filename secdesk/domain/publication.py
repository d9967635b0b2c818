"""Publications of the four spreadsheets, and the classification set for each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.domain.base import Audited, Base, UTCDateTime, Versioned, enum_column, utcnow
from secdesk.domain.enums import Classification, PublicationState


class SpreadsheetSetting(Versioned, Audited, Base):
    """Per published spreadsheet: its Traffic Light Protocol classification."""

    __tablename__ = "spreadsheet_setting"
    __label__ = "Spreadsheet setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    spreadsheet: Mapped[str] = mapped_column(String(60), unique=True)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification, "classification")
    )


class Publication(Base):
    __tablename__ = "publication"
    __label__ = "Publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    # 1, 2, 3 … with no gaps (an id can skip after a failed publish); taken under a lock.
    number: Mapped[int] = mapped_column(Integer, unique=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    published_by: Mapped[str] = mapped_column(String(120))
    folder: Mapped[str] = mapped_column(Text)
    # What changed since the previous publication, as printed and saved beside the files.
    changes: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[PublicationState] = mapped_column(
        enum_column(PublicationState, "publication_state"),
        default=PublicationState.PUBLISHED,
        server_default=PublicationState.PUBLISHED.value,
    )

    files: Mapped[list[PublicationFile]] = relationship(
        back_populates="publication", cascade="all, delete-orphan"
    )


class PublicationFile(Base):
    __tablename__ = "publication_file"
    __label__ = "Published file"
    __table_args__ = (UniqueConstraint("publication_id", "spreadsheet"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publication.id", ondelete="CASCADE"), index=True
    )
    spreadsheet: Mapped[str] = mapped_column(String(60))
    file_name: Mapped[str] = mapped_column(String(120))
    sha256: Mapped[str] = mapped_column(String(64))
    row_count: Mapped[int] = mapped_column(Integer)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification, "classification")
    )
    # The published data rows (JSON), so the next publication can say what changed.
    snapshot: Mapped[str] = mapped_column(Text)

    publication: Mapped[Publication] = relationship(back_populates="files")
