"""The paper of 志愿服务记录证明: the certificate, the 公示 list and a volunteer's record.

Always in Chinese (they go to schools, employers and the notice board), laid out
with the blocks of :mod:`commdesk.paper.blocks`: one A4 portrait page per
certificate, as 民政部令第67号 describes it (person, ID, volunteer number, the
records and their hours, the issuing committee, its head, the clerk, a phone, the
date and the place for the seal).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from commdesk.paper import blocks as b

CERTIFICATE_TITLE = "志愿服务记录证明"
PUBLICITY_TITLE = "志愿服务记录证明出具情况公示"
RECORD_TITLE = "志愿服务记录"
SEAL = "盖章处（出具单位公章）"


def hours_text(hours: float | None) -> str:
    """2.5 → "2.5", 7.0 → "7": hours as a clerk writes them."""
    value = round(float(hours or 0.0), 2)
    return f"{value:.2f}".rstrip("0").rstrip(".")


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _records_table(records: Sequence[dict[str, Any]], total: float) -> b.Table:
    rows: list[b.Row | Sequence[str]] = [
        b.Row([str(n), r["date"].isoformat(), r["content"], hours_text(r["hours"])])
        for n, r in enumerate(records, start=1)
    ]
    rows.append(b.Row(["合计", "", f"共 {len(records)} 次", hours_text(total)], bold=True))
    return b.Table(
        columns=[b.Column(0.6), b.Column(1.3), b.Column(4.5, "left"), b.Column(1.4, "right")],
        header=[["序号", "服务日期", "服务内容", "服务时长（小时）"]],
        rows=rows,
    )


def certificate_section(cert: dict[str, Any]) -> b.Section:
    """One certificate, starting on its own page."""
    span = f"{day_text(cert['date_from'])}至{day_text(cert['date_to'])}"
    total = hours_text(cert["total_hours"])
    return b.Section(
        [
            b.Paragraph("", right=f"编号：{cert['number']}", size=10.5),
            b.Title(CERTIFICATE_TITLE, size=22),
            b.Spacer(10),
            b.KeyValues(
                [
                    ("姓名", cert["volunteer_name"]),
                    ("证件类型", cert["id_type"]),
                    ("证件号码", cert["id_number"]),
                    (
                        "志愿者编号",
                        cert.get("platform_number") or "（未在全国志愿服务信息系统登记）",
                    ),
                    ("服务期间", span),
                    ("服务时长合计", f"{total} 小时"),
                ],
                columns=1,
                size=11,
            ),
            b.Spacer(6),
            b.Paragraph(
                f"　　兹证明{cert['volunteer_name']}同志于{span}期间参加{cert['committee_name']}"
                f"组织开展的志愿服务活动，经本单位记录，累计志愿服务时长 {total} 小时。"
                "服务记录如下：",
                size=11,
            ),
            _records_table(cert["records"], cert["total_hours"]),
            b.Spacer(4),
            b.Paragraph("　　特此证明。", size=11),
            b.Spacer(10),
            b.Signatures(
                [
                    f"出具单位：{cert['committee_name']}",
                    f"负责人：{cert['head']}",
                    f"经办人：{cert['clerk']}",
                    f"联系电话：{cert['phone']}",
                ],
                seal=SEAL,
                date=f"出具日期：{day_text(cert['issued_on'])}",
                size=11,
            ),
        ]
    )


def certificates_document(certs: Sequence[dict[str, Any]]) -> b.Document:
    """Every certificate, one page each (a long record list runs onto the next page).

    A batch has no page footer: "第 3 页 / 共 30 页" on a certificate handed to one
    volunteer would read as if pages were missing.
    """
    sections = [certificate_section(c) for c in certs]
    if len(certs) != 1:
        return b.Document(sections, title=CERTIFICATE_TITLE, margin_mm=20, footer="")
    title = f"{CERTIFICATE_TITLE} {certs[0]['number']} {certs[0]['volunteer_name']}"
    return b.Document(sections, title=title, margin_mm=20)


def publicity_document(
    certs: Sequence[dict[str, Any]],
    start: date,
    end: date,
    *,
    committee: str,
    phone: str,
    posted: date,
    days: int,
) -> b.Document:
    """The 公示 list of the certificates issued from ``start`` to ``end`` (no ID numbers)."""
    rows: list[b.Row | Sequence[str]] = [
        [
            str(n),
            c["number"],
            c["volunteer_name"],
            c.get("platform_number") or "",
            f"{c['date_from'].isoformat()}至{c['date_to'].isoformat()}",
            hours_text(c["total_hours"]),
            c["issued_on"].isoformat(),
        ]
        for n, c in enumerate(certs, start=1)
    ]
    if not rows:
        rows = [b.Row(["", "", "本期间未出具证明", "", "", "", ""])]
    table = b.Table(
        columns=[
            b.Column(0.6),
            b.Column(1.3),
            b.Column(1.2),
            b.Column(1.7),
            b.Column(2.6),
            b.Column(1.4, "right"),
            b.Column(1.3),
        ],
        header=[["序号", "证明编号", "姓名", "志愿者编号", "服务期间", "时长（小时）", "出具日期"]],
        rows=rows,
        size=9.5,
    )
    return b.Document(
        [
            b.Section(
                [
                    b.Title(PUBLICITY_TITLE, size=18),
                    b.Subtitle(f"{committee}　出具日期 {start.isoformat()} 至 {end.isoformat()}"),
                    b.Spacer(6),
                    b.Paragraph(
                        f"　　根据《志愿服务记录与证明出具办法（试行）》，现将本会出具的志愿服务"
                        f"记录证明予以公示，公示期自{day_text(posted)}起不少于{days}日。"
                        f"如有异议，请在公示期内向本会反映，联系电话：{phone}。",
                        size=10.5,
                    ),
                    table,
                    b.Spacer(10),
                    b.Signatures([f"公示单位：{committee}"], seal=SEAL, date=f"{day_text(posted)}"),
                ]
            )
        ],
        title=PUBLICITY_TITLE,
    )


def record_document(history: dict[str, Any]) -> b.Document:
    """A volunteer's whole service record: every linked service, totals by year."""
    rows: list[b.Row | Sequence[str]] = []
    for year in history["years"]:
        for r in year["records"]:
            rows.append([r["date"].isoformat(), r["content"], hours_text(r["hours"])])
        rows.append(
            b.Row(
                [f"{year['year']}年小计", f"{len(year['records'])} 次", hours_text(year["hours"])],
                bold=True,
            )
        )
    rows.append(b.Row(["总计", f"{history['count']} 次", hours_text(history["hours"])], bold=True))
    return b.Document(
        [
            b.Section(
                [
                    b.Title(RECORD_TITLE, size=18),
                    b.Subtitle(
                        f"{history['committee']}　打印日期 {history['printed'].isoformat()}"
                    ),
                    b.KeyValues(
                        [
                            ("姓名", history["name"]),
                            ("证件号码", history["id_masked"]),
                            ("志愿者编号", history.get("platform_number") or ""),
                            ("所属队伍", history.get("team") or ""),
                        ],
                        columns=2,
                    ),
                    b.Table(
                        columns=[b.Column(1.4), b.Column(5.0, "left"), b.Column(1.4, "right")],
                        header=[["服务日期", "服务内容", "服务时长（小时）"]],
                        rows=rows,
                    ),
                ]
            )
        ],
        title=f"{RECORD_TITLE} {history['name']}",
    )
