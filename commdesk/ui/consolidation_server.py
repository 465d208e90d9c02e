"""汇总 from the server: the township's login reads every committee it may read.

"Read from server…" on the 汇总 page asks where the server is and who signs in
(:class:`ServerDialog`; the password is kept for this one read only, never
saved). A worker then writes each submitted committee's return from its own
database into a temporary folder — the very code ``commdesk consolidate
--server`` runs (commdesk.returns.consolidate_server) — and the page reads that
folder like any folder of files, through the same checks and the same 保存.
Committees whose period is not yet submitted are listed on the page, flagged.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import Period
from commdesk.store.backend import DatabaseUrlError, is_unreachable, normalise, unreachable_message
from commdesk.store.engine import StoreError

if TYPE_CHECKING:
    from commdesk.ui.consolidation_page import ConsolidationPage

translate = QCoreApplication.translate
URL_KEY = "consolidation/server_url"
USER_KEY = "consolidation/server_user"
NOT_SUBMITTED = "not-submitted"
# Authentication refused (28P01 wrong password, 28000 no such login or not allowed).
_SIGN_IN_REFUSED = ("28P01", "28000")


@dataclass(frozen=True)
class NotSubmitted:
    """A committee on the server whose period is not submitted (已上报) yet."""

    database: str
    name: str
    code: str
    period: str


class ServerDialog(QDialog):
    """The server's address and the township's login; only the address and name are kept."""

    def __init__(self, settings: QSettings, period: Period, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ServerDialog")
        self.setWindowTitle(translate("ConsolidationServer", "Read from the server"))
        self.settings = settings
        intro = QLabel(
            translate(
                "ConsolidationServer",
                "Every committee database your login may read is consolidated for {period}. "
                "Committees that have not submitted the period are listed and left out. "
                "The password is used for this reading only and never saved.",
            ).format(period=period.label()),
            self,
        )
        intro.setWordWrap(True)
        self.url_edit = QLineEdit(str(settings.value(URL_KEY, "") or ""), self)
        self.url_edit.setObjectName("serverUrl")
        self.url_edit.setPlaceholderText("postgresql+psycopg://SERVER/postgres")
        self.user_edit = QLineEdit(str(settings.value(USER_KEY, "") or ""), self)
        self.user_edit.setObjectName("serverUser")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("serverPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(translate("ConsolidationServer", "Server address:"), self.url_edit)
        form.addRow(translate("ConsolidationServer", "Login name:"), self.user_edit)
        form.addRow(translate("ConsolidationServer", "Password:"), self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("ConsolidationServer", "Read")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 60)
        (self.password_edit if self.url_edit.text() else self.url_edit).setFocus()

    def server_url(self) -> str:
        """The URL to read with, login and password in it; DatabaseUrlError says what is wrong."""
        from sqlalchemy.engine import make_url

        text = self.url_edit.text().strip()
        if not text:
            raise DatabaseUrlError(
                translate(
                    "ConsolidationServer", "Give the server's address, e.g. {example}."
                ).format(example="postgresql+psycopg://192.168.1.10/postgres")
            )
        url = make_url(normalise(text).url)
        user = self.user_edit.text().strip()
        if user:
            url = url.set(username=user)
        if self.password_edit.text():
            url = url.set(password=self.password_edit.text())
        return url.set(database=url.database or "postgres").render_as_string(False)

    def accept(self) -> None:
        try:
            self.server_url()
        except DatabaseUrlError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            self.url_edit.setFocus()
            return
        self.settings.setValue(URL_KEY, self.url_edit.text().strip())  # never the password
        self.settings.setValue(USER_KEY, self.user_edit.text().strip())
        super().accept()


def ask_server(page: ConsolidationPage) -> None:
    """Open the dialog (window-modal); on Read, read the server on the page's worker."""
    dialog = ServerDialog(page.settings, page.period(), page)
    page.server_dialog = dialog
    dialog.accepted.connect(lambda: _start(page, dialog.server_url()))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def _start(page: ConsolidationPage, url: str) -> None:
    """``url`` holds the password: it lives in this read's closure only."""
    page.server_dialog = None
    page.busy_label.setText(translate("ConsolidationServer", "Connecting to the server…"))

    def progress(done: int, total: int) -> None:
        page.busy_label.setText(
            translate(
                "ConsolidationServer", "Reading committee {done} of {total} from the server…"
            ).format(done=done + 1, total=total)
        )

    page._run(
        lambda report: read_committees(url, page, report),
        lambda result: _read(page, *result),
        page._failed,
        progress,
    )


def _read(page: ConsolidationPage, folder: Path, waiting: list[NotSubmitted]) -> None:
    """The new returns replace the previous server read; then they are checked like files."""
    old = page.state.server_folder
    if old is not None:
        page.state.sources = [p for p in page.state.sources if p != old]
        shutil.rmtree(old, ignore_errors=True)
    page.state.server_folder, page.state.not_submitted = folder, waiting
    page.add_paths([folder])  # read and checked like a folder the clerk added


def read_committees(url: str, page: ConsolidationPage, progress: Any) -> tuple[Path, list[Any]]:
    """On the worker: each submitted committee's return into a new folder, and who has not
    submitted. Failures become one StoreError line naming the server (never the password)."""
    from commdesk.returns.consolidate_server import write_committee_returns

    period = page.period()
    folder = Path(tempfile.mkdtemp(prefix="commdesk-server-returns-"))
    atexit.register(shutil.rmtree, folder, True)
    try:
        made = write_committee_returns(url, page.definition, period, folder, progress=progress)
    except Exception as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise _server_error(url, exc) from exc
    waiting = [
        NotSubmitted(db, *made.units.get(db, ("", "")), period.code) for db in made.not_submitted
    ]
    return folder, waiting


def _server_error(url: str, exc: BaseException) -> BaseException:
    from sqlalchemy.engine import make_url

    orig = getattr(exc, "orig", None) or exc
    if getattr(orig, "sqlstate", None) in _SIGN_IN_REFUSED or "authentication failed" in str(orig):
        return StoreError(
            translate(
                "ConsolidationServer",
                "The server refused the login {user}: check the name and the password.",
            ).format(user=make_url(url).username or "-")
        )
    if is_unreachable(exc):
        return StoreError(unreachable_message(url, exc))
    return exc


def status_label(status: str) -> str:
    return translate("ConsolidationServer", "Not submitted") if status == NOT_SUBMITTED else ""


def notice_rows(waiting: list[NotSubmitted]) -> list[tuple[list[str], str]]:
    """Rows for the page's file list: one per committee that has not submitted."""
    reason = translate(
        "ConsolidationServer", "{period} is not submitted yet on the server; left out."
    )
    return [
        (
            [w.database, w.name, w.code, "", status_label(NOT_SUBMITTED),
             reason.format(period=Period.parse(w.period).label())],
            NOT_SUBMITTED,
        )
        for w in waiting
    ]  # fmt: skip


def summary(waiting: list[NotSubmitted]) -> str:
    if not waiting:
        return ""
    return translate(
        "ConsolidationServer", "Committees on the server that have not submitted: {count}."
    ).format(count=len(waiting))
