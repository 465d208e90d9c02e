"""The import wizard end to end: file → sheet → mapping → preview → commit → report.

Real widgets on the real temp store (the ``ctx`` fixture); every count is read
back from the database through the ledger services, not from the wizard.
Fixture files are copied to tmp_path because the report is written next to
the source.
"""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QWizard
from ui_helpers import make_id

from commdesk.importing import plan_import
from commdesk.importing.kinds import kind_for
from commdesk.store.services.volunteers import teams, volunteers
from commdesk.ui import import_commit
from commdesk.ui.import_wizard import (
    COMMIT_PAGE,
    DONE_PAGE,
    FILE_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    SHEET_PAGE,
    ImportWizard,
    open_import_wizard,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
ROSTER = "志愿者花名册_2024.xlsx"
WAIT_MS = 15_000


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    source = FIXTURES / "shared" / ROSTER
    if not source.is_file():  # the shared folder is the original
        source = Path("/work/shared/fixtures") / ROSTER
    target = tmp_path / "in" / ROSTER
    target.parent.mkdir()
    shutil.copy(source, target)
    return target


@pytest.fixture
def wizard(ctx: Any, qtbot: Any) -> ImportWizard:
    w = ImportWizard(ctx, "volunteers")
    qtbot.addWidget(w)
    w.show()
    return w


def click(qtbot: Any, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled(), f"{which} is disabled on page {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_page(qtbot: Any, wizard: ImportWizard, expected: int) -> None:
    """Next (or the commit button), then wait until the wizard got to ``expected``."""
    which = (
        QWizard.WizardButton.CommitButton
        if wizard.currentPage().isCommitPage()
        else QWizard.WizardButton.NextButton
    )
    qtbot.waitUntil(lambda: wizard.button(which).isEnabled(), timeout=WAIT_MS)
    click(qtbot, wizard, which)
    qtbot.waitUntil(lambda: wizard.currentId() == expected, timeout=WAIT_MS)


def choose_file(qtbot: Any, wizard: ImportWizard, path: Path, monkeypatch: Any) -> None:
    """Through the Browse… button, with the file dialog patched."""
    seen: dict[str, str] = {}

    def fake_dialog(_parent: Any, _title: str, _start: str, filters: str) -> tuple[str, str]:
        seen["filters"] = filters
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_dialog)
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path_edit.text() == str(path)
    assert "*.xlsx *.xls *.ods *.csv" in seen["filters"]


def two_sheet_workbook(path: Path) -> Path:
    """A notes sheet first, the roster second, and a hidden old roster."""
    wb = Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes.append(["本表每季度更新一次。"])
    roster = wb.create_sheet("名单")
    roster.append(["姓名", "身份证号", "手机号"])
    for i, name in enumerate(["张伟", "王芳", "李娜"]):
        roster.append([name, make_id(i + 1), f"1391234{i:04d}"])
    old = wb.create_sheet("旧名单")
    old.sheet_state = "hidden"
    old.append(["姓名", "身份证号"])
    old.append(["陈旧", make_id(20)])
    wb.save(path)
    return path


# ------------------------------------------------------------------ the whole path


def test_file_mapping_preview_commit_report(
    wizard: ImportWizard, ctx: Any, qtbot: Any, roster: Path, monkeypatch: Any
) -> None:
    changed: list[str] = []
    ctx.events.changed.connect(changed.append)
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )
    assert wizard.file_page.kind() == "volunteers"
    assert wizard.file_page.kind_combo.currentText() == "志愿者"  # the ledger's label
    choose_file(qtbot, wizard, roster, monkeypatch)

    next_page(qtbot, wizard, MAPPING_PAGE)  # one visible sheet: no sheet step
    page = wizard.mapping_page
    by_letter = {r.letter.text(): r for r in page.rows}
    assert by_letter["B"].header == "姓名"
    assert by_letter["B"].combo.currentData() == "name"
    assert by_letter["D"].combo.currentData() == "id_number"
    assert by_letter["A"].header == "序号"  # matches no field: ignored and highlighted
    assert by_letter["A"].combo.currentData() == ""
    assert "fff4d6" in by_letter["A"].note.styleSheet()
    assert "fff4d6" not in by_letter["B"].note.styleSheet()
    assert "张霞勇" in by_letter["B"].sample.toolTip()  # first values of the column

    next_page(qtbot, wizard, PREVIEW_PAGE)
    preview = wizard.preview_page
    tiles = preview.tiles.values
    assert tiles["added"].text() == "35"
    assert tiles["rejected"].text() == "5"
    assert tiles["skipped"].text() == "0"
    assert preview.tab_titles()[0] == "Rejected (5)"
    assert preview.rejected_table.rowCount() == 5
    assert "lost its last digits" in preview.rejected_table.item(0, 1).text()
    assert preview.add_table.rowCount() == 35
    # Rows to add show the values as they will be stored, under the ledger's labels.
    add = preview.add_table
    column = {add.horizontalHeaderItem(c).text(): c for c in range(add.columnCount())}
    ledger = kind_for("volunteers").ledger
    shown_ids = [add.item(r, column[ledger.field("id_number").label()]).text() for r in range(35)]
    assert all(re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", text) for text in shown_ids), shown_ids
    assert add.item(0, column[ledger.field("name").label()]).text() == "张霞勇"
    # The file has no status column: every row shows the default the ledger will store.
    status = ledger.field("status_code")
    assert {add.item(r, column[status.label()]).text() for r in range(35)} == {
        ctx.catalogues[status.catalogue].label(str(status.default))
    }
    assert "*" in preview.rejected_table.item(0, 5).text()  # raw cells, after "Row" and "Reason"
    notes = preview.notes.text()
    assert "total row" in notes and "Blank rows skipped: 1" in notes
    assert f"no column for {status.label()}" in notes
    assert volunteers.count(ctx.store) == 0  # the preview wrote nothing

    next_page(qtbot, wizard, DONE_PAGE)
    assert volunteers.count(ctx.store) == 35
    assert "volunteer" in changed and "volunteer_team" in changed
    assert wizard.visitedIds() == [FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, COMMIT_PAGE, DONE_PAGE]
    done = wizard.done_page
    assert done.tiles.values["added"].text() == "35"
    assert done.tiles.values["rejected"].text() == "5"
    report = ctx.store.data_dir / "reports" / "志愿者花名册_2024_未导入.xlsx"
    assert report.is_file()
    assert not roster.with_name("志愿者花名册_2024_未导入.xlsx").exists()  # not beside it
    assert done.report_label.text() == str(report)
    assert done.open_report_button.isVisible() and done.open_folder_button.isVisible()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()  # it is written
    qtbot.mouseClick(done.open_report_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(done.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(report), str(report.parent)]
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert not wizard.isVisible()


def test_two_visible_sheets_go_through_the_sheet_step(
    wizard: ImportWizard, ctx: Any, qtbot: Any, tmp_path: Path
) -> None:
    path = two_sheet_workbook(tmp_path / "roster.xlsx")
    wizard.file_page.path_edit.setText(str(path))
    next_page(qtbot, wizard, SHEET_PAGE)
    page = wizard.sheet_page
    items = {page.sheet_list.item(i).text(): page.sheet_list.item(i) for i in range(3)}
    hidden = next(item for text, item in items.items() if text.startswith("旧名单"))
    assert "(hidden)" in hidden.text()
    assert not hidden.flags() & Qt.ItemFlag.ItemIsEnabled  # not selectable by default
    page.show_hidden.setChecked(True)
    hidden = next(
        page.sheet_list.item(i)
        for i in range(3)
        if page.sheet_list.item(i).text().startswith("旧名单")
    )
    assert hidden.flags() & Qt.ItemFlag.ItemIsEnabled
    page.show_hidden.setChecked(False)
    assert page.selected_sheet() == "填表说明"  # the first visible sheet
    page.select_sheet("名单")

    next_page(qtbot, wizard, MAPPING_PAGE)
    assert wizard.state.plan is not None and wizard.state.plan.sheet == "名单"
    next_page(qtbot, wizard, PREVIEW_PAGE)
    assert wizard.preview_page.tiles.values["added"].text() == "3"
    next_page(qtbot, wizard, DONE_PAGE)
    assert volunteers.count(ctx.store) == 3
    assert not wizard.done_page.report_box.isVisible()  # nothing rejected, no report


def test_sheet_without_a_table_is_explained_on_the_sheet_step(
    wizard: ImportWizard, qtbot: Any, tmp_path: Path
) -> None:
    path = two_sheet_workbook(tmp_path / "roster.xlsx")
    wizard.file_page.path_edit.setText(str(path))
    next_page(qtbot, wizard, SHEET_PAGE)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # 填表说明 holds no table
    page = wizard.sheet_page
    qtbot.waitUntil(lambda: page.error_label.isVisible(), timeout=WAIT_MS)
    assert wizard.currentId() == SHEET_PAGE
    assert page.error_label.text()


# ------------------------------------------------------------------ mapping


def test_ignoring_a_column_replans_and_is_remembered(
    wizard: ImportWizard, ctx: Any, qtbot: Any, roster: Path
) -> None:
    wizard.file_page.path_edit.setText(str(roster))
    next_page(qtbot, wizard, MAPPING_PAGE)
    page = wizard.mapping_page
    assert "党员先锋队" in " ".join(wizard.state.plan.notes)  # teams would be created

    page.set_field("H", "")  # 志愿服务队 → ignore
    assert page.busy_now() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.waitUntil(lambda: not page.busy_now(), timeout=WAIT_MS)
    plan = wizard.state.plan
    assert "team_id" not in plan.mapping.values()
    assert wizard.state.mapping is not None and wizard.state.mapping["志愿服务队"] == ""
    row_h = next(r for r in page.rows if r.letter.text() == "H")
    assert row_h.note.text() == "ignored" and "fff4d6" not in row_h.note.styleSheet()

    page.set_field("B", "")  # the required name: explained, Next stays disabled
    assert "required" in page.error_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.set_field("B", "name")
    page.set_field("J", "skills")  # 备注 → skills, then a second column into skills
    page.set_field("A", "skills")
    assert "choose one" in page.error_label.text()
    assert not page.isComplete()
    page.set_field("A", "")
    qtbot.waitUntil(lambda: page.isComplete(), timeout=WAIT_MS)

    next_page(qtbot, wizard, PREVIEW_PAGE)
    preview = wizard.preview_page
    assert "志愿服务队" in preview.notes.text()  # listed among the columns not imported
    assert "New volunteer teams" not in preview.notes.text()
    next_page(qtbot, wizard, DONE_PAGE)
    assert volunteers.count(ctx.store) == 35
    assert teams.count(ctx.store) == 0

    again = plan_import(ctx.store, "volunteers", roster)  # the confirmed mapping was saved
    assert set(again.columns.origin.values()) == {"remembered"}
    assert "team_id" not in again.mapping.values()
    assert again.mapping.get("备注") == "skills"


def test_update_duplicates_checkbox_replans(
    wizard: ImportWizard, ctx: Any, qtbot: Any, roster: Path
) -> None:
    plan = plan_import(ctx.store, "volunteers", roster)
    volunteers.add(ctx.store, dict(plan.to_add[0].values, team_id=None))
    wizard.file_page.path_edit.setText(str(roster))
    next_page(qtbot, wizard, MAPPING_PAGE)
    next_page(qtbot, wizard, PREVIEW_PAGE)
    preview = wizard.preview_page
    assert preview.tiles.values["skipped"].text() == "1"
    assert preview.skipped_table.rowCount() == 1
    preview.update_box.setChecked(True)
    qtbot.waitUntil(lambda: not preview.busy_now(), timeout=WAIT_MS)
    assert preview.tiles.values["skipped"].text() == "0"
    assert preview.tiles.values["updated"].text() == "1"
    assert preview.update_table.rowCount() == 1
    next_page(qtbot, wizard, DONE_PAGE)
    assert volunteers.count(ctx.store) == 35
    assert wizard.done_page.tiles.values["updated"].text() == "1"


# ------------------------------------------------------------------ cancel


class _Gate:
    """Holds commit_import at its first progress call until the test lets it go."""

    def __init__(self, monkeypatch: Any) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        real = import_commit.commit_import

        def gated(*args: Any, progress: Any = None, **kwargs: Any) -> Any:
            def hold(done: int, total: int) -> None:
                if not self.reached.is_set():
                    self.reached.set()
                    self.release.wait(WAIT_MS / 1000)
                if progress is not None:
                    progress(done, total)

            return real(*args, progress=hold, **kwargs)

        monkeypatch.setattr(import_commit, "commit_import", gated)


def _to_commit(wizard: ImportWizard, qtbot: Any, roster: Path, gate: _Gate) -> None:
    wizard.file_page.path_edit.setText(str(roster))
    next_page(qtbot, wizard, MAPPING_PAGE)
    next_page(qtbot, wizard, PREVIEW_PAGE)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(gate.reached.is_set, timeout=WAIT_MS)
    assert wizard.currentId() == COMMIT_PAGE and wizard.commit_page.running()


def test_cancel_during_commit_writes_nothing(
    wizard: ImportWizard, ctx: Any, qtbot: Any, roster: Path, monkeypatch: Any
) -> None:
    gate = _Gate(monkeypatch)
    try:
        _to_commit(wizard, qtbot, roster, gate)
        qtbot.mouseClick(wizard.commit_page.cancel_button, Qt.MouseButton.LeftButton)
    finally:
        gate.release.set()
    page = wizard.commit_page
    qtbot.waitUntil(lambda: not page.running(), timeout=WAIT_MS)
    assert "nothing was written" in page.status.text()
    assert volunteers.count(ctx.store) == 0
    assert teams.count(ctx.store) == 0  # the teams were created inside the transaction
    assert not (ctx.store.data_dir / "reports").exists()

    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)  # try again
    assert wizard.currentId() == PREVIEW_PAGE
    next_page(qtbot, wizard, DONE_PAGE)
    assert volunteers.count(ctx.store) == 35


def test_escape_mid_import_asks_then_rolls_back(
    wizard: ImportWizard, ctx: Any, qtbot: Any, roster: Path, monkeypatch: Any
) -> None:
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: Any, title: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    gate = _Gate(monkeypatch)
    try:
        _to_commit(wizard, qtbot, roster, gate)
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # "No": keep going
        assert wizard.isVisible() and wizard.commit_page.running()
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # "Yes": stop
    finally:
        gate.release.set()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)
    assert len(asked) == 2
    assert volunteers.count(ctx.store) == 0


# ------------------------------------------------------------------ bad files


def test_not_a_spreadsheet_shows_the_error_on_the_file_page(
    wizard: ImportWizard, ctx: Any, qtbot: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    qtbot.keyClicks(wizard.file_page.path_edit, str(bad))  # ASCII path
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.file_page
    qtbot.waitUntil(lambda: page.error_label.isVisible(), timeout=WAIT_MS)
    assert wizard.currentId() == FILE_PAGE
    assert "photo.xlsx" in page.error_label.text()
    assert "Traceback" not in page.error_label.text()
    page.path_edit.setText(str(tmp_path / "missing.xlsx"))
    assert not page.error_label.isVisible()  # editing clears the message
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: page.error_label.isVisible(), timeout=WAIT_MS)
    assert "missing.xlsx" in page.error_label.text()
    assert volunteers.count(ctx.store) == 0


def test_open_import_wizard_preselects_the_kind(ctx: Any, qtbot: Any) -> None:
    wizard = open_import_wizard(ctx, "service_record")
    qtbot.addWidget(wizard)
    assert wizard.isVisible()
    assert wizard.file_page.kind() == "services"
    assert wizard.file_page.kind_combo.currentText() == "服务台账"
    assert wizard.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it


def test_report_that_cannot_be_written_offers_save_as(
    wizard: ImportWizard, ctx: Any, qtbot: Any, roster: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    real = import_commit.write_report

    def locked(plan: Any, path: Any) -> Any:
        if path.parent.name == "reports":  # the default place: say it is read-only
            raise PermissionError(13, "Permission denied", str(path.parent))
        return real(plan, path)

    monkeypatch.setattr(import_commit, "write_report", locked)
    chosen = tmp_path / "elsewhere.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(chosen), "*.xlsx"))
    )
    wizard.file_page.path_edit.setText(str(roster))
    next_page(qtbot, wizard, MAPPING_PAGE)
    next_page(qtbot, wizard, PREVIEW_PAGE)
    next_page(qtbot, wizard, DONE_PAGE)
    done = wizard.done_page
    assert volunteers.count(ctx.store) == 35  # the import stands
    assert "Permission denied" in done.report_label.text()
    assert done.save_report_button.isVisible() and not done.open_report_button.isVisible()
    qtbot.mouseClick(done.save_report_button, Qt.MouseButton.LeftButton)
    assert chosen.is_file()
    assert done.report_label.text() == str(chosen)
    assert done.open_report_button.isVisible()


def test_unrecognised_required_column_is_fixed_in_the_mapping_step(
    wizard: ImportWizard, ctx: Any, qtbot: Any, tmp_path: Path
) -> None:
    """plan_import refuses the file (no name column); the wizard lets the clerk point at it."""
    path = tmp_path / "roster.xlsx"
    wb = Workbook()
    wb.active.append(["人员名称", "身份证号", "手机号"])
    for i, name in enumerate(["张伟", "王芳", "李娜"]):
        wb.active.append([name, make_id(i + 1), f"1391234{i:04d}"])
    wb.save(path)
    wizard.file_page.path_edit.setText(str(path))
    next_page(qtbot, wizard, MAPPING_PAGE)
    page = wizard.mapping_page
    assert wizard.state.plan is None
    assert "姓名" in page.error_label.text() and page.error_label.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.rows[0].header == "人员名称" and page.rows[0].combo.currentData() == ""
    assert "fff4d6" in page.rows[0].note.styleSheet()

    page.set_field("A", "name")
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    next_page(qtbot, wizard, PREVIEW_PAGE)
    assert wizard.preview_page.tiles.values["added"].text() == "3"
    next_page(qtbot, wizard, DONE_PAGE)
    assert volunteers.count(ctx.store) == 3
    again = plan_import(ctx.store, "volunteers", path)  # remembered: no refusal any more
    assert again.mapping["人员名称"] == "name"


def test_ledger_page_import_button_opens_the_wizard_for_its_ledger(qtbot: Any, ctx: Any) -> None:
    from commdesk.ui.ledger_page import LedgerPage
    from commdesk.ui.specs import TEAMS_SPEC, WORKERS_SPEC

    page = LedgerPage(ctx, WORKERS_SPEC)
    qtbot.addWidget(page)
    page.show()
    assert page.import_button.isVisible()
    wizard = page.import_rows()
    qtbot.addWidget(wizard)
    assert "社区工作者" in wizard.findChild(QComboBox).currentText()
    wizard.close()
    teams_page = LedgerPage(ctx, TEAMS_SPEC)
    qtbot.addWidget(teams_page)
    teams_page.show()
    assert not teams_page.import_button.isVisible()


def test_preview_shows_stored_values_and_names_defaults(
    ctx: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Cells written "14人" / "1.5小时" preview as the numbers the ledger stores, and the
    provider that no column gives is named as a default in the notes and the summary."""
    book = Workbook()
    sheet = book.active
    sheet.append(["服务日期", "服务内容", "服务类别", "服务人次", "服务时长"])
    sheet.append(["2025-03-02", "上门探访", "养老服务", "14人", "1.5小时"])
    sheet.append(["2025-03-09", "政策宣传", "养老", "8人次", "2小时"])
    path = tmp_path / "services.xlsx"
    book.save(path)
    wizard = ImportWizard(ctx, "services")
    qtbot.addWidget(wizard)
    wizard.show()
    choose_file(qtbot, wizard, path, monkeypatch)
    next_page(qtbot, wizard, MAPPING_PAGE)
    next_page(qtbot, wizard, PREVIEW_PAGE)
    preview = wizard.preview_page
    if preview.tiles.values["rejected"].text() != "0":
        pytest.fail(preview.rejected_table.item(0, 1).text())
    add = preview.add_table
    column = {add.horizontalHeaderItem(c).text(): c for c in range(add.columnCount())}
    ledger = kind_for("services").ledger
    assert add.item(0, column[ledger.field("people_served").label()]).text() == "14"
    assert add.item(0, column[ledger.field("hours").label()]).text() == "1.5"
    provider = ledger.field("provider_kind_code")
    default = ctx.catalogues[provider.catalogue].label(str(provider.default))
    assert add.item(1, column[provider.label()]).text() == default
    assert f"no column for {provider.label()}" in preview.notes.text()
    next_page(qtbot, wizard, DONE_PAGE)
    assert f"{provider.label()} was not in the file: 2 rows got “{default}”" in (
        wizard.done_page.notes.text()
    )


def test_report_goes_where_the_clerk_chooses(
    wizard: ImportWizard, ctx: Any, qtbot: Any, roster: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """The preview names the report's place (the data folder's reports/) and offers another."""
    chosen = tmp_path / "usb" / "改正后再导入.xlsx"
    chosen.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(chosen), "*.xlsx"))
    )
    wizard.file_page.path_edit.setText(str(roster))
    next_page(qtbot, wizard, MAPPING_PAGE)
    next_page(qtbot, wizard, PREVIEW_PAGE)
    preview = wizard.preview_page
    default = ctx.store.data_dir / "reports" / "志愿者花名册_2024_未导入.xlsx"
    assert preview.report_row.isVisible()
    assert str(default) in preview.report_target.text()
    qtbot.mouseClick(preview.report_choose, Qt.MouseButton.LeftButton)
    assert str(chosen) in preview.report_target.text()
    next_page(qtbot, wizard, DONE_PAGE)
    assert chosen.is_file() and not default.exists()
    assert wizard.done_page.report_label.text() == str(chosen)
