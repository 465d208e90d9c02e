"""Where the data lives: 本机 (the SQLite file, the default) or 单位服务器 (PostgreSQL).

One widget serves the Settings dialog and the first-run wizard. The choice is
saved as a URL without password in one settings key (:data:`SERVER_URL_KEY`,
empty for the file); the password is asked at sign-in and never stored. The
new choice is used from the next start: the open window keeps the database it
started on, and the clerk is told so.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translated
from commdesk.store.backend import DatabaseChoice, server_label
from commdesk.store.server_choice import (
    DEFAULT_PORT,
    SSL_MODES,
    Origin,
    ServerFields,
    build_url,
    check_connection,
    origin,
    parse_url,
    saved_choice,
    with_password,
)
from commdesk.ui.tasks import BackgroundTasks

translate = QCoreApplication.translate
SERVER_URL_KEY = "database/server_url"  # URL without password; empty: the data folder's file
CHOSEN_KEY = "database/chosen"  # set once the clerk has answered the first-run question

_ORIGINS = {
    Origin.COMMAND_LINE: QT_TRANSLATE_NOOP(
        "BackendChoice", "In use now: {where}, given on the command line (--database)."
    ),
    Origin.ENVIRONMENT: QT_TRANSLATE_NOOP(
        "BackendChoice",
        "In use now: {where}, given by the environment variable COMMDESK_DATABASE_URL.",
    ),
    Origin.SETTINGS: QT_TRANSLATE_NOOP("BackendChoice", "In use now: {where}, saved here."),
    Origin.LOCAL: QT_TRANSLATE_NOOP(
        "BackendChoice", "In use now: this computer (the data folder's file)."
    ),
}
_TLS = {
    "prefer": QT_TRANSLATE_NOOP("BackendChoice", "Encrypt when the server offers it"),
    "require": QT_TRANSLATE_NOOP("BackendChoice", "Always encrypt"),
    "verify-full": QT_TRANSLATE_NOOP("BackendChoice", "Encrypt and check the server certificate"),
    "disable": QT_TRANSLATE_NOOP("BackendChoice", "Do not encrypt"),
}


def saved_url(settings: QSettings | None) -> str:
    """The saved server URL (no password), or "" for the data folder's file."""
    if settings is None:
        return ""
    return str(settings.value(SERVER_URL_KEY, "") or "").strip()


def saved_server(settings: QSettings | None) -> DatabaseChoice | None:
    """The saved server, when neither --database nor COMMDESK_DATABASE_URL chose one."""
    from commdesk.store.backend import current

    return None if current() is not None else saved_choice(saved_url(settings))


def in_force_text(settings: QSettings | None) -> str:
    """Which database this program runs on now, and which door chose it."""
    from commdesk.store.backend import current

    chosen = current()
    where = server_label(chosen.url) if chosen is not None else ""
    return translated(_ORIGINS[origin(saved_url(settings))], where=where)


class BackendChoice(QWidget):
    """本机 or 单位服务器, the server's fields, and 测试连接 (on a worker thread)."""

    tested = Signal(str)  # the text shown after a connection test

    def __init__(self, settings: QSettings | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backendChoice")
        self.settings = settings
        self.tasks = BackgroundTasks(self)
        self.local = QRadioButton(translate("BackendChoice", "This computer (the data folder)"))
        self.server = QRadioButton(translate("BackendChoice", "The office's server"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        self.host = QLineEdit(self)
        self.host.setPlaceholderText(translate("BackendChoice", "e.g. 10.0.0.5 or server.local"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.database.setPlaceholderText(translate("BackendChoice", "e.g. cd_110105001001"))
        self.user = QLineEdit(self)
        self.tls = QComboBox(self)
        for mode in SSL_MODES:
            self.tls.addItem(translated(_TLS[mode]), mode)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            translate("BackendChoice", "only for the test; never saved")
        )
        self.test_button = QPushButton(translate("BackendChoice", "Test connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel(self)
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        self.fields = QGroupBox(translate("BackendChoice", "Server"), self)
        form = QFormLayout(self.fields)
        form.addRow(translate("BackendChoice", "Server address or socket folder"), self.host)
        form.addRow(translate("BackendChoice", "Port"), self.port)
        form.addRow(translate("BackendChoice", "Committee database"), self.database)
        form.addRow(translate("BackendChoice", "User name"), self.user)
        form.addRow(translate("BackendChoice", "Encryption (TLS)"), self.tls)
        form.addRow(translate("BackendChoice", "Password"), self.password)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result, 1)
        form.addRow(test_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        layout.addWidget(self.fields)
        self.server.toggled.connect(self._follow)
        self._load(saved_url(settings))

    def _load(self, url: str) -> None:
        if url:
            fields = parse_url(url)
            self.host.setText(fields.host)
            self.port.setValue(fields.port)
            self.database.setText(fields.database)
            self.user.setText(fields.user)
            self.tls.setCurrentIndex(max(self.tls.findData(fields.sslmode), 0))
        (self.server if url else self.local).setChecked(True)
        self._follow()

    def _follow(self) -> None:
        self.fields.setEnabled(self.server.isChecked())

    def server_fields(self) -> ServerFields:
        return ServerFields(
            self.host.text(),
            self.port.value(),
            self.database.text(),
            self.user.text(),
            str(self.tls.currentData()),
        )

    def chosen_url(self) -> str:
        """The URL to save (no password), or "" for this computer."""
        return build_url(self.server_fields()) if self.server.isChecked() else ""

    def problem(self) -> str | None:
        """Why the server choice cannot be saved as typed, else None."""
        if not self.server.isChecked() or not self.server_fields().missing():
            return None
        return translate(
            "BackendChoice", "Fill in the server address, the committee database and the user name."
        )

    def test_connection(self) -> None:
        """Connect once with the 5 s timeout, off the GUI thread; say what happened."""
        problem = self.problem() if self.server.isChecked() else None
        if not self.server.isChecked():
            problem = translate("BackendChoice", "Choose the office's server to test it.")
        if problem:
            self._show(problem, ok=False)
            return
        url = with_password(build_url(self.server_fields()), self.password.text())
        self.test_button.setEnabled(False)
        self._show(translate("BackendChoice", "Connecting to {server}…").format(
            server=server_label(url)), ok=None)  # fmt: skip
        self.tasks.run("test", lambda: check_connection(url), self._tested, self._test_failed)

    def _tested(self, failure: str | None) -> None:
        self.test_button.setEnabled(True)
        if failure is None:
            text = translate("BackendChoice", "Connected to {server}.").format(
                server=server_label(build_url(self.server_fields()))
            )
        else:
            text = failure
        self._show(text, ok=failure is None)

    def _test_failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        self._show(str(exc), ok=False)

    def _show(self, text: str, *, ok: bool | None) -> None:
        colour = {True: "#1b5e20", False: "#b00020", None: ""}[ok]
        self.result.setStyleSheet(f"color: {colour};" if colour else "")
        self.result.setText(text)
        if ok is not None:
            self.tested.emit(text)

    def save(self) -> bool:
        """Write the choice; True when it differs from what was saved before."""
        if self.settings is None:
            return False
        url = self.chosen_url()
        changed = url != saved_url(self.settings)
        self.settings.setValue(SERVER_URL_KEY, url)
        self.settings.setValue(CHOSEN_KEY, True)
        self.settings.sync()
        return changed


class BackendSettings(QGroupBox):
    """The Settings dialog's section: the choice, what is in force and why."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(translate("BackendChoice", "Where the data is kept"), parent)
        self.setObjectName("backendSettings")
        self.in_force = QLabel(in_force_text(settings), self)
        self.in_force.setObjectName("inForce")
        self.in_force.setWordWrap(True)
        self.choice = BackendChoice(settings, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.in_force)
        layout.addWidget(self.choice)

    def problem(self) -> str | None:
        return self.choice.problem()

    def save(self) -> None:
        """Save; a change is used from the next start, and the clerk is told so."""
        if not self.choice.save():
            return
        text = translate(
            "BackendChoice",
            "The new place for the data is saved. CommDesk uses it from the next start; "
            "until then this window keeps working where it is now.",
        )
        if origin(saved_url(self.choice.settings)) in (Origin.COMMAND_LINE, Origin.ENVIRONMENT):
            text += "\n\n" + translate(
                "BackendChoice",
                "While CommDesk is started with --database or COMMDESK_DATABASE_URL, "
                "that one is used instead.",
            )
        QMessageBox.information(self.window(), translate("BackendChoice", "Data location"), text)


class BackendPage(QWizardPage):
    """The first-run wizard's first page: 数据存放位置."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(translate("BackendChoice", "Where the data is kept"))
        self.setSubTitle(
            translate(
                "BackendChoice",
                "Keep the data on this computer (one clerk, one PC), or on the office's "
                "server that several clerks share. You can change this later in Settings.",
            )
        )
        self.choice = BackendChoice(settings, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)

    def validatePage(self) -> bool:
        """This computer: go on to the profile. The server: save it and restart on it."""
        problem = self.choice.problem()
        if problem:
            QMessageBox.warning(self, translate("BackendChoice", "Data location"), problem)
            return False
        self.choice.save()
        if not self.choice.server.isChecked():
            return True
        QMessageBox.information(
            self,
            translate("BackendChoice", "Data location"),
            translate(
                "BackendChoice",
                "Saved. CommDesk closes now; start it again and it opens the data on {server} "
                "(the committee's details are entered there once, by the first clerk).",
            ).format(server=server_label(self.choice.chosen_url())),
        )
        wizard = self.wizard()
        if isinstance(wizard, QWizard):
            wizard.hide()  # no "quit?" question: the clerk has just chosen to restart
            wizard.done(QWizard.DialogCode.Rejected)
        return False


def first_run_needs_choice(settings: QSettings | None) -> bool:
    """The first-run wizard asks 本机/单位服务器 until the clerk has answered once."""
    return settings is not None and not settings.value(CHOSEN_KEY, False, type=bool)
