"""A ledger page's current view on paper (花名册): the columns shown, in their order.

Asks the roster export's own question (full ID numbers or masked; a full print is
audited) and hands the printout to the window's print preview / print / PDF.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from commdesk.domain.ledgers import ID_NUMBER
from commdesk.paper.roster import roster_document, roster_title
from commdesk.store.services.profile import get_profile
from commdesk.store.services.roster_paper import roster_rows
from commdesk.ui.roster_export_dialog import RosterExportOptions

if TYPE_CHECKING:
    from commdesk.ui.ledger_page import LedgerPage
    from commdesk.ui.paper_print import Deliver

translate = QCoreApplication.translate


def request_roster_paper(page: LedgerPage, then: Deliver) -> None:
    """Ask about ID numbers, read the filtered rows, then ``then(document, file name)``."""
    header = page.table.horizontalHeader()
    shown = [header.logicalIndex(v) for v in range(header.count())]
    shown = [i for i in shown if not header.isSectionHidden(i)]
    fields = [page.model.fields[i] for i in shown]
    has_ids = any(f.kind == ID_NUMBER for f in fields)
    options = RosterExportOptions(page.row_count(), has_ids, page)
    options.setObjectName("RosterPaperOptions")
    options.setWindowTitle(translate("RosterPaper", "Print roster"))
    if options.exec() != QDialog.DialogCode.Accepted:
        return
    full_ids = has_ids and options.full_ids.isChecked()
    title = roster_title(page.ledger.zh, page.ledger.person)
    ctx = page.ctx
    rows = roster_rows(
        ctx.store, page.service, page.model.query, fields, ctx.catalogues,
        include_full_ids=full_ids, printout=title,
    )  # fmt: skip
    profile = get_profile(ctx.store) or {}
    today = date.today()
    doc = roster_document(
        title,
        unit_name=str(profile.get("name") or ""),
        printed_on=today,
        headings=[f.zh for f in fields],
        widths=[header.sectionSize(i) for i in shown],
        rows=rows,
        masked_ids=has_ids and not full_ids,
    )
    then(doc, f"{title}_{today:%Y%m%d}.pdf")
