"""Stored ID numbers open masked in the entry form; revealing one is audited first."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from ui_helpers import make_id

from commdesk.store.models import AuditEntry
from commdesk.store.services.volunteers import volunteers
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.specs import VOLUNTEERS_SPEC


def _reveals(store: Any) -> list[AuditEntry]:
    with store.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "reveal_id")))


def test_edit_shows_masked_id_until_revealed(qtbot: Any, ctx: Any) -> None:
    full = make_id(3)
    rid = volunteers.add(ctx.store, {"name": "张三", "id_number": full})
    page = LedgerPage(ctx, VOLUNTEERS_SPEC)
    qtbot.addWidget(page)
    page.show()
    assert page.select_id(rid)
    dialog = page.edit_current()
    assert dialog is not None
    editor = dialog.form.editors["id_number"]
    assert editor.text() == full[:6] + "********" + full[-4:]
    assert editor.isReadOnly() and editor.reveal_action.isVisible()
    assert _reveals(ctx.store) == []
    # saving without revealing keeps the stored number
    dialog.form.editors["skills"].set_value("理发")
    assert dialog.commit() is True
    assert volunteers.get(ctx.store, rid)["id_number"] == full
    assert _reveals(ctx.store) == []
    # reveal: audited first, then shown and editable
    dialog = page.edit_current()
    editor = dialog.form.editors["id_number"]
    editor.reveal_action.trigger()
    assert editor.text() == full and not editor.isReadOnly()
    reveals = _reveals(ctx.store)
    assert len(reveals) == 1 and reveals[0].row_id == rid
    assert full not in (reveals[0].after or "")  # the log says that, never what
    dialog.reject()


def test_new_record_id_is_plain(qtbot: Any, ctx: Any) -> None:
    page = LedgerPage(ctx, VOLUNTEERS_SPEC)
    qtbot.addWidget(page)
    page.show()
    dialog = page.new_record()
    editor = dialog.form.editors["id_number"]
    assert not editor.isReadOnly() and not editor.reveal_action.isVisible()
    dialog.form.dirty = False
    dialog.reject()
