"""志愿服务记录证明 and their register (证明登记簿).

民政部令第67号 lets a committee certify the service it recorded: hours come only
from live service records the volunteer is linked to, within a range that is
entered and not in the future. A certificate's number is the next serial of its
committee and year, taken in the very transaction that inserts the register row
and (through ``render``) writes the paper: a failure anywhere rolls all of it back,
so no number is lost and none is given twice. Certificates are never deleted;
voiding one keeps it in the register with its reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from commdesk.domain.i18n import translate
from commdesk.domain.validators import mask_id
from commdesk.store import audit
from commdesk.store.catalogue_store import load_catalogues
from commdesk.store.engine import Store
from commdesk.store.models import (
    Certificate,
    ServiceRecord,
    Volunteer,
    VolunteerTeam,
    service_volunteer,
)
from commdesk.store.privacy import REVEAL_ACTION
from commdesk.store.services.profile import profile_on

ISSUED = "issued"
VOIDED = "voided"
ID_TYPE = "居民身份证"  # the volunteer ledger keeps resident ID numbers only
# Rules of 民政部令第67号: a certificate list is posted at least this many days.
PUBLICITY_DAYS = 7

Render = Callable[[list[dict[str, Any]]], None]


class CertificateRefused(ValueError):
    """Nothing can be issued: the range, the profile or the request is wrong (message says)."""


class AmbiguousVolunteer(CertificateRefused):
    """A name matches several live volunteers; the message lists them with masked IDs."""

    def __init__(self, text: str, candidates: Sequence[dict[str, Any]]):
        self.candidates = list(candidates)
        listed = "; ".join(f"{c['name']} {mask_id(c['id_number'])}" for c in candidates)
        super().__init__(
            translate(
                "Certificates", "“{text}” matches {count} volunteers: {list}; give the ID number"
            ).format(text=text, count=len(candidates), list=listed)
        )


@dataclass(frozen=True)
class Refusal:
    """One volunteer left out of an issue, and why."""

    who: str
    reason: str


@dataclass
class Issued:
    certificates: list[dict[str, Any]] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


# ----------------------------------------------------------------- finding people
def find_volunteer(store: Store, text: str) -> dict[str, Any]:
    """The volunteer named by an ID number or a name (deleted ones too, to refuse them).

    Raises :class:`CertificateRefused` when nobody matches and
    :class:`AmbiguousVolunteer` when a name fits several live volunteers.
    """
    text = (text or "").strip()
    if not text:
        raise CertificateRefused(translate("Certificates", "no volunteer was named"))
    cols = (Volunteer.id, Volunteer.name, Volunteer.id_number, Volunteer.deleted_at)
    with store.read() as s:
        rows = [
            dict(r._mapping)
            for r in s.execute(
                select(*cols)
                .where((Volunteer.id_number == text.upper()) | (Volunteer.name == text))
                .order_by(Volunteer.deleted_at.is_not(None), Volunteer.id)
            )
        ]
    live = [r for r in rows if r["deleted_at"] is None]
    if len(live) > 1:
        raise AmbiguousVolunteer(text, live)
    if live:
        return live[0]
    if rows:
        return rows[0]  # deleted: issue() refuses it in words
    raise CertificateRefused(
        translate("Certificates", "no volunteer “{text}” in the volunteer ledger").format(text=text)
    )


def team_members(store: Store, team_name: str) -> list[int]:
    """Live volunteers of the live team called ``team_name``."""
    with store.read() as s:
        team_id = s.scalar(
            select(VolunteerTeam.id).where(
                VolunteerTeam.name == team_name.strip(), VolunteerTeam.deleted_at.is_(None)
            )
        )
        if team_id is None:
            raise CertificateRefused(
                translate("Certificates", "no volunteer team “{name}”").format(name=team_name)
            )
        return list(
            s.scalars(
                select(Volunteer.id)
                .where(Volunteer.team_id == team_id, Volunteer.deleted_at.is_(None))
                .order_by(Volunteer.name, Volunteer.id)
            )
        )


# ----------------------------------------------------------------- what is certified
def entered_through(store: Store) -> date | None:
    """The latest date of a live service record: the ledger is entered up to it."""
    with store.read() as s:
        return s.scalar(
            select(func.max(ServiceRecord.service_date)).where(ServiceRecord.deleted_at.is_(None))
        )


def check_range(store: Store, start: date, end: date, today: date | None = None) -> None:
    """Refuse a range that is reversed, reaches past today or past the records entered."""
    today = today or date.today()
    if start > end:
        raise CertificateRefused(
            translate("Certificates", "the range starts {start}, after its end {end}").format(
                start=start.isoformat(), end=end.isoformat()
            )
        )
    if end > today:
        raise CertificateRefused(
            translate(
                "Certificates", "the range ends {end}, after today ({today}): end it by today"
            ).format(end=end.isoformat(), today=today.isoformat())
        )
    last = entered_through(store)
    if last is None:
        raise CertificateRefused(
            translate("Certificates", "no service records are entered yet: nothing to certify")
        )
    if end > last:
        raise CertificateRefused(
            translate(
                "Certificates",
                "service records are entered only up to {last}, the range reaches {end}: "
                "enter the records up to {end}, or end the range by {last}",
            ).format(last=last.isoformat(), end=end.isoformat())
        )


def _records(
    s: Session, volunteer_id: int, start: date | None, end: date | None, labels: Any
) -> list[dict[str, Any]]:
    stmt = (
        select(
            ServiceRecord.id,
            ServiceRecord.service_date,
            ServiceRecord.category_code,
            ServiceRecord.description,
            ServiceRecord.hours,
        )
        .join(service_volunteer, service_volunteer.c.service_id == ServiceRecord.id)
        .where(
            service_volunteer.c.volunteer_id == volunteer_id,
            ServiceRecord.deleted_at.is_(None),
        )
        .order_by(ServiceRecord.service_date, ServiceRecord.id)
    )
    if start is not None:
        stmt = stmt.where(ServiceRecord.service_date >= start)
    if end is not None:
        stmt = stmt.where(ServiceRecord.service_date <= end)
    out = []
    for row_id, day, category, description, hours in s.execute(stmt):
        content = labels.zh(category)
        if description:
            content = f"{content}：{description}" if content else description
        out.append({"id": int(row_id), "date": day, "content": content, "hours": hours or 0.0})
    return out


def linked_records(
    store: Store, volunteer_id: int, start: date | None = None, end: date | None = None
) -> list[dict[str, Any]]:
    """Live service records the volunteer is linked to: id, date, content, hours."""
    labels = load_catalogues(store)["service_category"]
    with store.read() as s:
        return _records(s, volunteer_id, start, end, labels)


def total_hours(records: Iterable[dict[str, Any]]) -> float:
    return round(sum(float(r["hours"] or 0.0) for r in records), 2)


def _signatories(s: Session, day: date, clerk: str | None) -> dict[str, str]:
    profile = profile_on(s, day)
    values = {
        "committee_name": (profile.get("name") or "").strip(),
        "committee_code": (profile.get("division_code") or "").strip(),
        "head": (profile.get("unit_head") or "").strip(),
        "clerk": (clerk or profile.get("preparer") or "").strip(),
        "phone": (profile.get("phone") or "").strip(),
    }
    words = {
        "committee_name": translate("Certificates", "the committee's name"),
        "head": translate("Certificates", "the head (单位负责人)"),
        "clerk": translate("Certificates", "the handling clerk (填表人 or --clerk)"),
        "phone": translate("Certificates", "the contact phone"),
    }
    missing = [words[k] for k in words if not values[k]]
    if missing or not values["committee_code"]:
        raise CertificateRefused(
            translate("Certificates", "the community profile lacks {what}").format(
                what="、".join(missing or [translate("Certificates", "the division code")])
            )
        )
    return values


def _next_serial(s: Session, committee_code: str, year: int) -> int:
    last = s.scalar(
        select(func.max(Certificate.serial)).where(
            Certificate.committee_code == committee_code, Certificate.year == year
        )
    )
    return int(last or 0) + 1


def as_dict(cert: Certificate) -> dict[str, Any]:
    out = {c.name: getattr(cert, c.name) for c in Certificate.__table__.columns}
    records = json.loads(out.pop("records_json"))
    out["records"] = [r | {"date": date.fromisoformat(r["date"])} for r in records]
    return out


# ----------------------------------------------------------------- issue, reprint, void
def issue(
    store: Store,
    volunteer_ids: Sequence[int],
    start: date,
    end: date,
    *,
    render: Render | None = None,
    clerk: str | None = None,
    today: date | None = None,
    user: str | None = None,
) -> Issued:
    """Issue one certificate per volunteer who has linked records in the range.

    ``render`` gets the new certificates (full IDs) inside the transaction; if it
    raises, nothing is kept and the numbers stay free.
    """
    today = today or date.today()
    user = user or audit.current_user(store)
    check_range(store, start, end, today)
    labels = load_catalogues(store)["service_category"]
    result = Issued()
    with store.write() as s:
        sign = _signatories(s, today, clerk)
        serial = _next_serial(s, sign["committee_code"], today.year)
        for volunteer_id in dict.fromkeys(volunteer_ids):
            person = s.get(Volunteer, volunteer_id)
            if person is None:
                result.refused.append(
                    Refusal(
                        str(volunteer_id),
                        translate("Certificates", "not in the volunteer ledger"),
                    )
                )
                continue
            who = f"{person.name} {mask_id(person.id_number)}"
            if person.deleted_at is not None:
                result.refused.append(
                    Refusal(
                        who,
                        translate(
                            "Certificates",
                            "deleted from the volunteer ledger: restore the volunteer first",
                        ),
                    )
                )
                continue
            records = _records(s, volunteer_id, start, end, labels)
            if not records:
                result.refused.append(
                    Refusal(
                        who,
                        translate(
                            "Certificates", "no service records linked from {start} to {end}"
                        ).format(start=start.isoformat(), end=end.isoformat()),
                    )
                )
                continue
            cert = Certificate(
                number=f"{today.year}-{serial:04d}",
                committee_code=sign["committee_code"],
                year=today.year,
                serial=serial,
                volunteer_id=volunteer_id,
                volunteer_name=person.name,
                id_type=ID_TYPE,
                id_number=person.id_number,
                platform_number=person.platform_number or None,
                date_from=start,
                date_to=end,
                records_json=json.dumps(
                    [r | {"date": r["date"].isoformat()} for r in records], ensure_ascii=False
                ),
                total_hours=total_hours(records),
                committee_name=sign["committee_name"],
                head=sign["head"],
                clerk=sign["clerk"],
                phone=sign["phone"],
                issued_on=today,
                issued_at=audit.now(),
                issued_by=user,
                state=ISSUED,
                reprints=0,
            )
            s.add(cert)
            s.flush()
            serial += 1
            audit.record(
                s,
                "issue_certificate",
                "certificate",
                cert.id,
                after={
                    "number": cert.number,
                    "name": person.name,
                    "date_from": start,
                    "date_to": end,
                    "total_hours": cert.total_hours,
                },
                user=user,
            )
            # The certificate shows the whole ID: a reveal, logged like any other.
            audit.record(
                s,
                REVEAL_ACTION,
                "volunteer",
                volunteer_id,
                after={"field": "id_number", "certificate": cert.number},
                user=user,
            )
            result.certificates.append(as_dict(cert))
        if render is not None and result.certificates:
            render(result.certificates)
    return result


def get(store: Store, certificate_id: int) -> dict[str, Any]:
    with store.read() as s:
        cert = s.get(Certificate, certificate_id)
        if cert is None:
            raise CertificateRefused(
                translate("Certificates", "no certificate {id} in the register").format(
                    id=certificate_id
                )
            )
        return as_dict(cert)


def reprint(
    store: Store, certificate_id: int, *, render: Render, user: str | None = None
) -> dict[str, Any]:
    """The certificate again, with its original number; the reprint and reveal are logged."""
    user = user or audit.current_user(store)
    with store.write() as s:
        cert = s.get(Certificate, certificate_id)
        if cert is None:
            raise CertificateRefused(
                translate("Certificates", "no certificate {id} in the register").format(
                    id=certificate_id
                )
            )
        if cert.state == VOIDED:
            raise CertificateRefused(
                translate("Certificates", "certificate {number} was voided: {reason}").format(
                    number=cert.number, reason=cert.void_reason or ""
                )
            )
        cert.reprints += 1
        audit.record(
            s,
            "reprint_certificate",
            "certificate",
            cert.id,
            after={"number": cert.number, "name": cert.volunteer_name},
            user=user,
        )
        audit.record(
            s,
            REVEAL_ACTION,
            "volunteer",
            cert.volunteer_id,
            after={"field": "id_number", "certificate": cert.number},
            user=user,
        )
        data = as_dict(cert)
        render([data])
    return data


def void(store: Store, certificate_id: int, reason: str, *, user: str | None = None) -> None:
    """Void a certificate: it stays in the register, marked, with the reason (audited)."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateRefused(translate("Certificates", "a reason is needed to void"))
    user = user or audit.current_user(store)
    with store.write() as s:
        cert = s.get(Certificate, certificate_id)
        if cert is None or cert.state == VOIDED:
            raise CertificateRefused(
                translate("Certificates", "certificate {id} is not an issued one").format(
                    id=certificate_id if cert is None else cert.number
                )
            )
        cert.state = VOIDED
        cert.void_reason = reason
        cert.voided_at = audit.now()
        cert.voided_by = user
        audit.record(
            s,
            "void_certificate",
            "certificate",
            cert.id,
            before={"state": ISSUED},
            after={"number": cert.number, "state": VOIDED},
            note=reason,
            user=user,
        )


def register(
    store: Store, start: date | None = None, end: date | None = None, *, voided: bool = True
) -> list[dict[str, Any]]:
    """The register, by number, issued in ``start``…``end`` (voided ones too unless asked)."""
    stmt = select(Certificate).order_by(Certificate.year, Certificate.serial)
    if start is not None:
        stmt = stmt.where(Certificate.issued_on >= start)
    if end is not None:
        stmt = stmt.where(Certificate.issued_on <= end)
    if not voided:
        stmt = stmt.where(Certificate.state == ISSUED)
    with store.read() as s:
        return [as_dict(c) for c in s.scalars(stmt)]
