"""The community profile: first-run wizard and the editable profile page.

Both are generated from the PROFILE field list through :class:`FormWidget`;
the wizard cannot finish (and the main window cannot open) until every page
validates and the service has stored a valid profile.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from commdesk.domain.ledgers import PROFILE
from commdesk.domain.records import ValidationError
from commdesk.store.models import COUNTED_PROFILE_FIELDS
from commdesk.store.services.profile import get_profile, has_valid_profile, save_profile
from commdesk.ui.context import UiContext
from commdesk.ui.date_entry import DateEditor
from commdesk.ui.record_form import FormWidget
from commdesk.ui.screen_fit import fit_size, scroll_area

translate = QCoreApplication.translate
SIGNATORY_FIELDS = ("unit_head", "statistics_head", "preparer", "phone")


def _text(value: Any) -> str:
    """Editors give text ("1000"), the store numbers (1000): compare them as typed."""
    return "" if value is None else str(value).strip()


class _FormPage(QWizardPage):
    """A wizard page that is complete exactly when its form validates."""

    def __init__(self, ctx: UiContext, names: list[str], title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = FormWidget(ctx, PROFILE, [PROFILE.field(n) for n in names], self)
        self.form.validity_changed.connect(lambda _ok: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll_area(self.form, self))  # Back/Next stay below, in view

    def isComplete(self) -> bool:
        return self.form.is_valid


class ProfileWizard(QWizard):
    """First run: ask for the community before anything else is possible."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        first_page: QWizardPage | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("ProfileWizard", "Welcome to CommDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        basics = [f.name for f in PROFILE.fields if f.name not in SIGNATORY_FIELDS]
        self.basics = _FormPage(
            ctx,
            basics,
            translate("ProfileWizard", "Your community"),
            translate(
                "ProfileWizard",
                "These details head every statistical return. Fields marked * are required.",
            ),
        )
        self.signatories = _FormPage(
            ctx,
            list(SIGNATORY_FIELDS),
            translate("ProfileWizard", "Signatories"),
            translate(
                "ProfileWizard",
                "Printed at the foot of each return. You can change them later on the "
                "Community page.",
            ),
        )
        existing = get_profile(ctx.store)
        if existing:
            self.basics.form.set_values(existing)
            self.signatories.form.set_values(existing)
        self.first_page = first_page  # the first run's 本机/单位服务器 question (backend_choice)
        if first_page is not None:
            self.addPage(first_page)
        self.addPage(self.basics)
        self.addPage(self.signatories)
        line = self.fontMetrics().height()
        fit_size(self, max(720, 40 * line), max(620, 34 * line))

    def values(self) -> dict[str, Any]:
        return self.basics.form.values() | self.signatories.form.values()

    def accept(self) -> None:
        """Store the profile; stay open with the messages if the service refuses."""
        try:
            save_profile(self.ctx.store, self.values())
        except ValidationError as exc:
            self.basics.form.show_errors(exc.errors)
            self.signatories.form.show_errors(exc.errors)
            return
        if has_valid_profile(self.ctx.store):
            self.ctx.events.changed.emit(PROFILE.name)
            super().accept()

    def reject(self) -> None:
        """Esc, Cancel or the close box: ask before quitting, since nothing opens without it."""
        if not self.isVisible():
            super().reject()
            return
        answer = QMessageBox.question(
            self,
            translate("ProfileWizard", "Quit CommDesk?"),
            translate(
                "ProfileWizard",
                "CommDesk needs the community details before it can open. Quit now? "
                "Nothing has been saved yet.",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            super().reject()


class ProfilePage(QWidget):
    """The profile, editable at any time (same generated form as the wizard)."""

    saved = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page_profile")
        title = QLabel(PROFILE.label(), self)
        title.setObjectName("pageTitle")
        self.form = FormWidget(ctx, PROFILE, parent=self)
        self.form.setMaximumWidth(760)
        holder = QWidget(self)
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.form)
        holder_layout.addStretch(1)
        self.scroll = scroll_area(holder, self)
        self.save_button = QPushButton(translate("ProfilePage", "Save changes"), self)
        self.save_button.setObjectName("primary")
        self.revert_button = QPushButton(translate("ProfilePage", "Revert"), self)
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        # Counted figures (户数, 人口 …) hold from a date: earlier periods keep the old ones.
        self.effective_label = QLabel(
            translate("ProfilePage", "The changed figures hold from:"), self
        )
        self.effective = DateEditor(self)
        self.effective.setObjectName("editor_effective")
        self.effective_label.setBuddy(self.effective)
        self.effective_hint = QLabel(
            translate("ProfilePage", "Returns of earlier periods keep the previous figures."),
            self,
        )
        self.effective_hint.setObjectName("hint")
        effective_row = QHBoxLayout()
        effective_row.addWidget(self.effective_label)
        effective_row.addWidget(self.effective)
        effective_row.addWidget(self.effective_hint, 1)
        self._loaded: dict[str, Any] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(effective_row)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        self.form.validity_changed.connect(self._update)
        self.form.edited.connect(self._update)
        self.load()

    def load(self) -> None:
        self._loaded = get_profile(self.ctx.store) or {}
        self.form.set_values(self._loaded)
        self.effective.set_value(QDate.currentDate().toPython())
        self.status.clear()
        self._update()

    def counted_changed(self) -> bool:
        """Whether a field kept by date (户数, 人口, 两委, signatories …) was edited."""
        values = self.form.values()
        return any(
            _text(values.get(k)) != _text(self._loaded.get(k)) for k in COUNTED_PROFILE_FIELDS
        )

    def _update(self, *_args: Any) -> None:
        # Enabled by a change, not by validity: Save then shows what to fix.
        self.save_button.setEnabled(self.form.dirty)
        self.revert_button.setEnabled(self.form.dirty)
        asked = bool(self._loaded) and self.counted_changed()
        for widget in (self.effective_label, self.effective, self.effective_hint):
            widget.setVisible(asked)

    def _point_at_error(self) -> None:
        name = self.form.first_error()
        if name is not None:
            self.status.setText(
                translate("ProfilePage", "Not saved: check {field}.").format(
                    field=PROFILE.field(name).label()
                )
            )
            self.form.focus_field(name)

    def save(self) -> bool:
        if not self.form.revalidate(show_all=True).ok:
            self._point_at_error()
            return False
        effective: date | None = None
        if self.counted_changed():
            typed = self.effective.value()
            if not isinstance(typed, date):  # empty, or text that is not a date
                self.status.setText(
                    translate(
                        "ProfilePage",
                        "Type the date from which the changed figures hold, e.g. 2026-07-01.",
                    )
                )
                self.effective.setFocus()
                return False
            effective = typed
        try:
            save_profile(self.ctx.store, self.form.values(), effective=effective)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self._point_at_error()
            return False
        self.load()
        if effective is None:
            self.status.setText(translate("ProfilePage", "Saved."))
        else:
            self.status.setText(
                translate("ProfilePage", "Saved. The changed figures hold from {date} on.").format(
                    date=effective.isoformat()
                )
            )
        self.ctx.events.changed.emit(PROFILE.name)
        self.saved.emit()
        return True
