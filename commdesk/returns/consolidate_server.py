"""The township reads the server: each committee's return, made where its data lives.

For every committee database the township's role may read, the period's return
is computed from the committee's ledgers and written as the same workbook the
committee would export; the files then go through the file consolidation and
all its checks (missing committees, audit errors). A committee whose period is
not yet submitted (已上报) is left out and named.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from commdesk.domain.periods import Period
from commdesk.returns.definition import Definition


@dataclass
class ServerReturns:
    files: list[Path] = field(default_factory=list)
    not_submitted: list[str] = field(default_factory=list)  # committee databases
    units: dict[str, tuple[str, str]] = field(default_factory=dict)  # database: name, code


def write_committee_returns(
    url: str,
    definition: Definition,
    period: Period,
    folder: Path,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ServerReturns:
    """One workbook per readable, submitted committee database, written into ``folder``;
    ``progress(done, total)`` after each committee (the 汇总 page's worker)."""
    from commdesk import __version__
    from commdesk.returns.export import prepare
    from commdesk.returns.xlsx_writer import write_return
    from commdesk.store.engine import open_store
    from commdesk.store.server_admin import Committee, committee_url, readable_committees
    from commdesk.store.services import periods
    from commdesk.store.services.profile import get_profile

    out = ServerReturns()
    databases = readable_committees(url)
    for done, database in enumerate(databases):
        if progress is not None:
            progress(done, len(databases))
        c = Committee(database.removeprefix("cd_"), database)
        store = open_store(folder / database, database=committee_url(url, c), create=False)
        try:
            profile = get_profile(store) or {}
            out.units[database] = (profile.get("name") or "", profile.get("division_code") or "")
            if periods.state(store, period).status != periods.SUBMITTED:  # modified too
                out.not_submitted.append(database)
                continue
            state = periods.state(store, period)
            exported_at = (state.last_export or {}).get("exported_at") or datetime.now()
            prepared = prepare(store, definition, period, today=today)
            path = folder / f"{database}.xlsx"
            write_return(
                prepared.result,
                path,
                notes={},
                issues=[i for i in prepared.issues if i.level != "error"],
                report_date=today or date.today(),
                exported_at=exported_at.replace(microsecond=0),
                program_version=__version__,
            )
            out.files.append(path)
        finally:
            store.close()
    return out
