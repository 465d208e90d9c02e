"""Certificate paper from the store: issue or reprint into a PDF, the 公示 list, a record.

The one place the GUI and the CLI go through, so both write the same files the
same way (atomically, mode 0600). The PDF is written inside the register's
transaction: if it cannot be written, the certificate is not issued.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from commdesk.paper.certificate_pdf import (
    certificates_document,
    publicity_document,
    record_document,
)
from commdesk.paper.pdf import write_pdf
from commdesk.store.engine import Store
from commdesk.store.services import certificates as certs
from commdesk.store.services.profile import get_profile
from commdesk.store.services.volunteer_record import service_history, write_history_xlsx


def issue_to_pdf(
    store: Store,
    volunteer_ids: Sequence[int],
    start: date,
    end: date,
    out: Path,
    *,
    clerk: str | None = None,
    today: date | None = None,
) -> certs.Issued:
    """Issue the certificates and write them to ``out``; nothing kept if either fails."""
    written: list[Path] = []

    def render(issued: list[dict[str, Any]]) -> None:
        written.append(write_pdf(certificates_document(issued), out))

    try:
        return certs.issue(
            store, volunteer_ids, start, end, render=render, clerk=clerk, today=today
        )
    except BaseException:
        for path in written:  # the paper of a register row that was not committed
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def reprint_to_pdf(store: Store, certificate_id: int, out: Path) -> dict[str, Any]:
    """The certificate again under its original number (the reprint is logged)."""
    return certs.reprint(
        store, certificate_id, render=lambda c: write_pdf(certificates_document(c), out)
    )


def publicity_to_pdf(
    store: Store, start: date, end: date, out: Path, *, posted: date | None = None
) -> int:
    """The 公示 list of certificates issued (not voided) from ``start`` to ``end``."""
    rows = certs.register(store, start, end, voided=False)
    profile = get_profile(store) or {}
    write_pdf(
        publicity_document(
            rows,
            start,
            end,
            committee=profile.get("name") or "",
            phone=profile.get("phone") or "",
            posted=posted or date.today(),
            days=certs.PUBLICITY_DAYS,
        ),
        out,
    )
    return len(rows)


def record_to_file(store: Store, volunteer_id: int, out: Path) -> dict[str, Any]:
    """A volunteer's service record as .pdf or .xlsx (by the suffix of ``out``)."""
    history = service_history(store, volunteer_id)
    if Path(out).suffix.lower() == ".xlsx":
        write_history_xlsx(history, Path(out))
    else:
        write_pdf(record_document(history), out)
    return history
