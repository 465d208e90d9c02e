"""A volunteer's service record (志愿服务记录): every linked live service, totals by year.

What a volunteer or a school asks for besides a certificate. The ID is masked
(no reveal): the record proves nothing by itself, the certificate does.
"""

from __future__ import annotations

import os
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.domain.validators import mask_id
from commdesk.store.engine import Store
from commdesk.store.models import Volunteer, VolunteerTeam
from commdesk.store.services.certificates import CertificateRefused, linked_records, total_hours
from commdesk.store.services.profile import get_profile


def service_history(store: Store, volunteer_id: int, today: date | None = None) -> dict[str, Any]:
    """Name, masked ID, volunteer number, team, and the records grouped by year."""
    with store.read() as s:
        person = s.get(Volunteer, volunteer_id)
        if person is None or person.deleted_at is not None:
            raise CertificateRefused(
                translate("Certificates", "volunteer {id} is not in the volunteer ledger").format(
                    id=volunteer_id
                )
            )
        team = s.get(VolunteerTeam, person.team_id) if person.team_id else None
        head = {
            "name": person.name,
            "id_masked": mask_id(person.id_number),
            "platform_number": person.platform_number or "",
            "team": team.name if team is not None and team.deleted_at is None else "",
        }
    records = linked_records(store, volunteer_id)
    years = [
        {"year": year, "records": rows, "hours": total_hours(rows)}
        for year, group in groupby(records, key=lambda r: r["date"].year)
        for rows in [list(group)]
    ]
    profile = get_profile(store) or {}
    return head | {
        "committee": profile.get("name") or "",
        "printed": today or date.today(),
        "years": years,
        "count": len(records),
        "hours": total_hours(records),
    }


def write_history_xlsx(history: dict[str, Any], path: Path) -> Path:
    """The record as a workbook, written under a temporary name and renamed; mode 0600."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from commdesk.files import check_output
    from commdesk.store.maintenance import save_workbook, workbook_guard

    path = check_output(Path(path))
    wb = Workbook()
    with workbook_guard(wb, path):
        ws = wb.active
        ws.title = "志愿服务记录"
        bold = Font(bold=True)
        ws.append(["志愿服务记录"])
        ws["A1"].font = Font(bold=True, size=14)
        for label, value in (
            ("姓名", history["name"]),
            ("证件号码", history["id_masked"]),
            ("志愿者编号", history["platform_number"]),
            ("所属队伍", history["team"]),
            ("记录单位", history["committee"]),
            ("打印日期", history["printed"]),
        ):
            ws.append([label, value])
        ws.append([])
        ws.append(["服务日期", "服务内容", "服务时长（小时）"])
        for cell in ws[ws.max_row]:
            cell.font = bold
        for year in history["years"]:
            for r in year["records"]:
                ws.append([r["date"], r["content"], float(r["hours"] or 0.0)])
            ws.append([f"{year['year']}年小计", f"{len(year['records'])} 次", year["hours"]])
            for cell in ws[ws.max_row]:
                cell.font = bold
        ws.append(["总计", f"{history['count']} 次", history["hours"]])
        for cell in ws[ws.max_row]:
            cell.font = bold
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
                elif isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        ws.column_dimensions["A"].width = 14
        ws.column_dimensions["B"].width = 48
        ws.column_dimensions["C"].width = 16
    save_workbook(wb, path)  # the process umask (paths.keep_private) makes it 0600
    os.chmod(path, 0o600)  # and so does this, for a caller that did not set it
    return path
