"""SQLAlchemy models for every ledger and the bookkeeping tables.

Column names equal the field names of :mod:`commdesk.domain.ledgers`. The schema
itself is created only by the Alembic revisions; these models must match them
(a test compares the two).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class CodeList(TypeDecorator[tuple[str, ...]]):
    """Several catalogue codes in one text column ("SEC,DIR"): a worker's posts.

    Codes never contain a comma, and a handful per person needs no link table.
    """

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return ",".join(value)

    def process_result_value(self, value: Any, dialect: Any) -> tuple[str, ...] | None:
        if value is None:
            return None
        return tuple(code for code in value.split(",") if code)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Tracked:
    """Who and when, on every ledger row; ``deleted_at`` makes deletes soft."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    updated_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Bumped by every write: a save naming an older version is an edit conflict.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")


class Community(Tracked, Base):
    __tablename__ = "community"

    name: Mapped[str] = mapped_column(String(60), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    division_code: Mapped[str] = mapped_column(String(12), nullable=False)
    township_name: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    households: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    resident_population: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    registered_population: Mapped[int | None] = mapped_column(Integer)
    committee_members: Mapped[int | None] = mapped_column(Integer)
    secretary_is_director: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    unit_head: Mapped[str | None] = mapped_column(String(30))
    statistics_head: Mapped[str | None] = mapped_column(String(30))
    preparer: Mapped[str | None] = mapped_column(String(30))
    phone: Mapped[str | None] = mapped_column(String(30))


# The profile's counted fields: each kept with the date from which its value holds.
COUNTED_PROFILE_FIELDS = (
    "households",
    "resident_population",
    "registered_population",
    "committee_members",
    "secretary_is_director",
    "unit_head",
    "statistics_head",
    "preparer",
    "phone",
)


class CommunityVersion(Base):
    """The counted fields of the profile as they hold from ``valid_from`` on.

    A return reads the version in force on its period's last day, so editing the
    profile never changes a past period's figures or signatories.
    """

    __tablename__ = "community_version"
    __table_args__ = (
        UniqueConstraint(
            "community_id", "valid_from", name="uq_community_version_community_id_valid_from"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), nullable=False)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    households: Mapped[int] = mapped_column(Integer, nullable=False)
    resident_population: Mapped[int] = mapped_column(Integer, nullable=False)
    registered_population: Mapped[int | None] = mapped_column(Integer)
    committee_members: Mapped[int | None] = mapped_column(Integer)
    secretary_is_director: Mapped[bool] = mapped_column(Boolean, nullable=False)
    unit_head: Mapped[str | None] = mapped_column(String(30))
    statistics_head: Mapped[str | None] = mapped_column(String(30))
    preparer: Mapped[str | None] = mapped_column(String(30))
    phone: Mapped[str | None] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")


class VolunteerTeam(Tracked, Base):
    __tablename__ = "volunteer_team"

    name: Mapped[str] = mapped_column(String(60), nullable=False)
    leader: Mapped[str | None] = mapped_column(String(30))
    founded_date: Mapped[date | None] = mapped_column(Date)
    dissolved_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Volunteer(Tracked, Base):
    __tablename__ = "volunteer"
    __table_args__ = (
        Index("ix_volunteer_id_number", "id_number"),
        Index("ix_volunteer_team_id", "team_id"),
    )

    name: Mapped[str] = mapped_column(String(30), nullable=False)
    id_number: Mapped[str] = mapped_column(String(18), nullable=False)
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    mobile: Mapped[str | None] = mapped_column(String(20))
    political_status_code: Mapped[str | None] = mapped_column(String(16))
    skills: Mapped[str | None] = mapped_column(String(100))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_team.id"))
    platform_registered: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    platform_number: Mapped[str | None] = mapped_column(String(40))
    joined_date: Mapped[date | None] = mapped_column(Date)
    left_date: Mapped[date | None] = mapped_column(Date)
    status_code: Mapped[str] = mapped_column(String(16), nullable=False, default="active")
    notes: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Worker(Tracked, Base):
    __tablename__ = "worker"
    __table_args__ = (Index("ix_worker_id_number", "id_number"),)

    name: Mapped[str] = mapped_column(String(30), nullable=False)
    id_number: Mapped[str] = mapped_column(String(18), nullable=False)
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    mobile: Mapped[str | None] = mapped_column(String(20))
    position_codes: Mapped[tuple[str, ...]] = mapped_column(CodeList(64), nullable=False)
    is_committee_member: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    education_code: Mapped[str | None] = mapped_column(String(16))
    sw_cert_code: Mapped[str | None] = mapped_column(String(16))
    employed_since: Mapped[date | None] = mapped_column(Date)
    left_date: Mapped[date | None] = mapped_column(Date)
    status_code: Mapped[str] = mapped_column(String(16), nullable=False, default="active")
    notes: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Facility(Tracked, Base):
    __tablename__ = "facility"

    name: Mapped[str] = mapped_column(String(80), nullable=False)
    type_code: Mapped[str] = mapped_column(String(16), nullable=False)
    floor_area: Mapped[float | None] = mapped_column(Float)
    activity_area: Mapped[float | None] = mapped_column(Float)
    status_code: Mapped[str] = mapped_column(String(16), nullable=False, default="in_use")
    ownership_code: Mapped[str | None] = mapped_column(String(16))
    year_opened: Mapped[int | None] = mapped_column(Integer)
    closed_on: Mapped[date | None] = mapped_column(Date)
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    barrier_free: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    self_service_terminal: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    smart_services: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    address: Mapped[str | None] = mapped_column(String(120))
    planned_renovation: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


service_volunteer = Table(
    "service_volunteer",
    Base.metadata,
    Column(
        "service_id",
        ForeignKey("service_record.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("volunteer_id", ForeignKey("volunteer.id"), primary_key=True),
    Index("ix_service_volunteer_volunteer_id", "volunteer_id"),
)


class ServiceRecord(Tracked, Base):
    __tablename__ = "service_record"
    __table_args__ = (
        Index("ix_service_record_date", "service_date"),
        Index("ix_service_record_category_date", "category_code", "service_date"),
        # The overview's monthly trends read only this index (migration 0008).
        Index(
            "ix_service_record_trend",
            "service_date",
            "category_code",
            "people_served",
            "hours",
            "deleted_at",  # in the index too, or SQLite reads each row to check it
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # Deleted rows are few: counting live rows is count(*) minus this tiny index.
        Index(
            "ix_service_record_deleted",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
        # Search goes through the few distinct search keys, then this index (it also
        # counts the live matches without reading the rows). "IS NOT NULL" keeps
        # SQLite from scanning the whole ledger through it in key order when a query
        # has no search: that reads the rows at random, several times slower.
        Index(
            "ix_service_record_search_key",
            "search_key_id",
            sqlite_where=text("deleted_at IS NULL AND search_key_id IS NOT NULL"),
            postgresql_where=text("deleted_at IS NULL AND search_key_id IS NOT NULL"),
        ),
        # Rows written but not yet linked to their key: empty outside a write.
        Index(
            "ix_service_record_unkeyed",
            "id",
            sqlite_where=text("search_key_id IS NULL"),
            postgresql_where=text("search_key_id IS NULL"),
        ),
    )

    service_date: Mapped[date] = mapped_column(Date, nullable=False)
    category_code: Mapped[str] = mapped_column(String(16), nullable=False)
    target_group_code: Mapped[str] = mapped_column(String(16), nullable=False)
    people_served: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    hours: Mapped[float | None] = mapped_column(Float)
    provider_kind_code: Mapped[str] = mapped_column(String(16), nullable=False)
    channel_code: Mapped[str] = mapped_column(String(16), nullable=False)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_team.id"))
    # Volunteers who took part, named or not: 表3's 志愿者参与人次 sums it.
    volunteer_count: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )
    place: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    recipient_name: Mapped[str | None] = mapped_column(String(30))
    recipient_id_number: Mapped[str | None] = mapped_column(String(18))
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # No foreign key: a key left behind by an edit is harmless and never deleted mid-write.
    search_key_id: Mapped[int | None] = mapped_column(Integer)


class ServiceSearchKey(Base):
    """One distinct (search text, recipient ID) of the service ledger.

    A million service records repeat a few tens of thousands of texts (the same
    activity, place and recipient over and over), so a search scans this small
    table and then follows an index, instead of LIKE over every record.
    """

    __tablename__ = "service_search_key"
    __table_args__ = (
        UniqueConstraint("text", "id_number", name="uq_service_search_key_text_id_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    id_number: Mapped[str] = mapped_column(String(18), nullable=False, default="")


class Certificate(Base):
    """One entry of the certificate register (证明登记簿): a 志愿服务记录证明 issued.

    The register is its own number sequence: a certificate's serial is the next one
    of its committee and year, allocated in the transaction that inserts the row, and
    rows are never deleted (a voided certificate stays), so numbers have no gaps.
    What was certified (person, records, hours, signatories) is kept as issued, so a
    reprint shows the same certificate whatever changes in the ledgers later.
    """

    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint(
            "committee_code", "year", "serial", name="uq_certificate_committee_code_year_serial"
        ),
        Index("ix_certificate_issued_on", "issued_on"),
        Index("ix_certificate_volunteer_id", "volunteer_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(24), nullable=False)
    committee_code: Mapped[str] = mapped_column(String(12), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    serial: Mapped[int] = mapped_column(Integer, nullable=False)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), nullable=False)
    volunteer_name: Mapped[str] = mapped_column(String(30), nullable=False)
    id_type: Mapped[str] = mapped_column(String(20), nullable=False)
    id_number: Mapped[str] = mapped_column(String(18), nullable=False)
    platform_number: Mapped[str | None] = mapped_column(String(40))
    date_from: Mapped[date] = mapped_column(Date, nullable=False)
    date_to: Mapped[date] = mapped_column(Date, nullable=False)
    # [{"id", "date", "content", "hours"}] of the service records covered, as issued.
    records_json: Mapped[str] = mapped_column(Text, nullable=False)
    total_hours: Mapped[float] = mapped_column(Float, nullable=False)
    committee_name: Mapped[str] = mapped_column(String(60), nullable=False)
    head: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    clerk: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    issued_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    issued_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    state: Mapped[str] = mapped_column(String(8), nullable=False, default="issued")
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    voided_by: Mapped[str | None] = mapped_column(String(64))
    reprints: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class LocalCatalogueItem(Base):
    """A county's own catalogue item; codes start with X and never change."""

    __tablename__ = "local_catalogue_item"
    __table_args__ = (UniqueConstraint("kind", "code", name="uq_local_catalogue_item_kind_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    code: Mapped[str] = mapped_column(String(16), nullable=False)
    zh: Mapped[str] = mapped_column(String(60), nullable=False)
    en: Mapped[str | None] = mapped_column(String(100))
    group_code: Mapped[str | None] = mapped_column(String(16))
    synonyms: Mapped[str | None] = mapped_column(Text)
    retired: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_table_row", "table_name", "row_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    user: Mapped[str] = mapped_column(String(64), nullable=False)
    action: Mapped[str] = mapped_column(String(32), nullable=False)
    table_name: Mapped[str] = mapped_column(String(32), nullable=False)
    row_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class ExportLog(Base):
    """One exported return; also carries the period's submission and lock state."""

    __tablename__ = "export_log"
    __table_args__ = (Index("ix_export_log_period", "period_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_code: Mapped[str] = mapped_column(String(16), nullable=False)
    period_kind: Mapped[str] = mapped_column(String(8), nullable=False)
    definition_id: Mapped[str] = mapped_column(String(64), nullable=False)
    definition_version: Mapped[str] = mapped_column(String(32), nullable=False)
    file_name: Mapped[str] = mapped_column(Text, nullable=False)
    exported_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    exported_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="exported")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    modified_after_submit: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    values_json: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))


# Kept by triggers on service_record and service_volunteer (migration 0012), never
# written by the program: the overview's charts and figures sum these few thousand rows
# instead of a million records. A later migration that rebuilds service_record on
# SQLite drops its triggers and must create them again.
service_day_summary = Table(
    "service_day_summary",
    Base.metadata,
    Column("service_date", Date, primary_key=True),
    Column("category_code", String(16), primary_key=True),
    Column("records", Integer, nullable=False),
    Column("people_served", Integer, nullable=False),
    Column("hours", Float, nullable=False),
)
# Per month and volunteer: the live services naming them and those services' hours.
# Volunteers active in a month are its rows, which no per-month total could give.
volunteer_month_summary = Table(
    "volunteer_month_summary",
    Base.metadata,
    Column("month", String(7), primary_key=True),  # YYYY-MM
    Column("volunteer_id", Integer, primary_key=True),
    Column("services", Integer, nullable=False),
    Column("hours", Float, nullable=False),
)


class ChangeMark(Base):
    """One row whose token every writing transaction renews (see store/change_mark.py):
    the close compares it with the last verified backup's instead of copying."""

    __tablename__ = "change_mark"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    token: Mapped[str | None] = mapped_column(Text)


class AppSetting(Base):
    """Settings that belong to the data, not the PC (e.g. the password salt)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class ImportMapping(Base):
    """A header-to-field mapping the clerk confirmed, remembered per header set."""

    __tablename__ = "import_mapping"
    __table_args__ = (
        UniqueConstraint("ledger", "header_key", name="uq_import_mapping_ledger_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ledger: Mapped[str] = mapped_column(String(32), nullable=False)
    header_key: Mapped[str] = mapped_column(String(64), nullable=False)
    mapping_json: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class Township(Base):
    """The township profile used when this install consolidates returns."""

    __tablename__ = "township"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    code: Mapped[str] = mapped_column(String(9), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    # Signatories printed in the footer of the township's consolidated return.
    unit_head: Mapped[str | None] = mapped_column(String(30))
    statistics_head: Mapped[str | None] = mapped_column(String(30))
    preparer: Mapped[str | None] = mapped_column(String(30))
    phone: Mapped[str | None] = mapped_column(String(30))


class TownshipCommittee(Base):
    __tablename__ = "township_committee"
    __table_args__ = (
        UniqueConstraint("division_code", name="uq_township_committee_division_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    division_code: Mapped[str] = mapped_column(String(12), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


LEDGER_MODELS: dict[str, type[Base]] = {
    "community": Community,
    "service_record": ServiceRecord,
    "facility": Facility,
    "volunteer": Volunteer,
    "volunteer_team": VolunteerTeam,
    "worker": Worker,
}
