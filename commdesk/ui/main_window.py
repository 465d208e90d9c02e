"""The main window: sidebar navigation, menus with the usual shortcuts, status bar.

It only assembles pages and routes menu actions to the current ledger page;
the pages do the work. Language and font changes are handed to the shell
(``settings_requested``) because switching language rebuilds the window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commdesk import __version__
from commdesk.domain.i18n import translated
from commdesk.domain.ledgers import PROFILE
from commdesk.store.services.profile import get_profile
from commdesk.ui.actions import ACTIONS, MENUS, key_sequences
from commdesk.ui.chart_preload import preload_later
from commdesk.ui.context import UiContext
from commdesk.ui.due_returns import show_notice_once
from commdesk.ui.ledger_page import IMPORTABLE, LedgerPage
from commdesk.ui.permissions import hide_actions, signed_in_text
from commdesk.ui.profile import ProfilePage
from commdesk.ui.screen_fit import restore_frame
from commdesk.ui.settings_dialog import open_folder
from commdesk.ui.specs import (
    FACILITIES_SPEC,
    SERVICES_SPEC,
    TEAMS_SPEC,
    VOLUNTEERS_SPEC,
    WORKERS_SPEC,
    PageSpec,
)

if TYPE_CHECKING:
    from commdesk.domain.periods import Period
    from commdesk.ui.audit_page import AuditPage
    from commdesk.ui.consolidation_page import ConsolidationPage
    from commdesk.ui.overview_page import OverviewPage
    from commdesk.ui.returns_page import ReturnsPage

translate = QCoreApplication.translate
SP = QStyle.StandardPixmap
LEDGER_SPECS = (SERVICES_SPEC, FACILITIES_SPEC, VOLUNTEERS_SPEC, TEAMS_SPEC, WORKERS_SPEC)


class LazyPage(QWidget):
    """A sidebar page built when first shown, so the window paints without waiting for it."""

    def __init__(self, build: Callable[[QWidget], QWidget], parent: QWidget) -> None:
        super().__init__(parent)
        self._build = build
        self._page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._build(self)
            self.layout().addWidget(self._page)
            self._page.show()  # now, not from the queued show a layout would post
        return self._page

    def showEvent(self, event: QShowEvent) -> None:
        self.page()
        super().showEvent(event)


class LedgerPages(Mapping[str, LedgerPage]):
    """The ledger pages by key; each is built the first time it is shown or asked for,
    so the window paints its first page without building the other four."""

    def __init__(self, holders: dict[str, LazyPage]) -> None:
        self._holders = holders

    def __getitem__(self, key: str) -> LedgerPage:
        return self._holders[key].page()  # type: ignore[return-value]

    def __iter__(self) -> Iterator[str]:
        return iter(self._holders)

    def __len__(self) -> int:
        return len(self._holders)

    def built(self) -> list[LedgerPage]:
        return [h.page() for h in self._holders.values() if h.built]  # type: ignore[misc]

    def holders(self) -> list[LazyPage]:
        return list(self._holders.values())


class MainWindow(QMainWindow):
    settings_requested = Signal()
    backups_requested = Signal()
    lock_requested = Signal()
    switch_user_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.pages: dict[str, QWidget] = {}
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget(self)
        self._build_pages()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._build_status_bar()
        self.sidebar.currentRowChanged.connect(self._on_nav)
        self.ctx.events.changed.connect(self._on_data_changed)
        self.ctx.undo_group.indexChanged.connect(self._update_actions)
        self._restore_state()
        self._update_title()
        self._update_status()
        self._noticed = False  # the due-returns notice, once the window is on screen

    # ------------------------------------------------------------ pages
    def _build_pages(self) -> None:
        style = self.style()
        build = self._build_ledger_page
        holders = {
            spec.key: LazyPage(lambda holder, spec=spec: build(spec, holder), self)
            for spec in LEDGER_SPECS
        }
        self.ledger_pages = LedgerPages(holders)
        people = QTabWidget(self)
        people.setObjectName("page_volunteers_tabs")
        people.addTab(holders["volunteers"], VOLUNTEERS_SPEC.ledger.label())
        people.addTab(holders["teams"], TEAMS_SPEC.ledger.label())
        people.currentChanged.connect(lambda _i: self._after_page_change())
        self.people_tabs = people
        self.profile_page = ProfilePage(self.ctx, self)
        self.profile_page.saved.connect(self._update_title)
        self._lazy = {
            "reports": LazyPage(self._build_returns_page, self),
            "consolidation": LazyPage(self._build_consolidation_page, self),
            "audit": LazyPage(self._build_audit_page, self),
            "overview": LazyPage(self._build_overview_page, self),
        }
        self.ctx.events.changed.connect(self._refresh_returns_page)
        lp = holders
        for key in ("services", "facilities", "workers"):
            self._lazy[key] = holders[key]
        nav = [
            ("services", SERVICES_SPEC.ledger.label(), lp["services"], SP.SP_FileDialogListView),
            ("facilities", FACILITIES_SPEC.ledger.label(), lp["facilities"], SP.SP_DirHomeIcon),
            ("volunteers", VOLUNTEERS_SPEC.ledger.label(), people, SP.SP_DialogYesButton),
            ("workers", WORKERS_SPEC.ledger.label(), lp["workers"], SP.SP_FileDialogListView),
            ("profile", PROFILE.label(), self.profile_page, SP.SP_FileDialogInfoView),
            ("reports", translate("MainWindow", "Returns"), self._lazy["reports"], SP.SP_FileIcon),
            ("consolidation", translate("MainWindow", "Consolidation"),
             self._lazy["consolidation"], SP.SP_DirIcon),
            ("overview", translate("MainWindow", "Overview"), self._lazy["overview"],
             SP.SP_ComputerIcon),
            ("audit", translate("MainWindow", "Audit log"), self._lazy["audit"],
             SP.SP_FileDialogDetailedView),
        ]  # fmt: skip
        for key, label, widget, icon in nav:
            item = QListWidgetItem(style.standardIcon(icon), label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
            self.stack.addWidget(widget)
            self.pages[key] = widget
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max(
            self.sidebar.fontMetrics().horizontalAdvance(self.sidebar.item(i).text())
            for i in range(self.sidebar.count())
        )
        self.sidebar.setMinimumWidth(widest + 80)

    def _build_ledger_page(self, spec: PageSpec, holder: QWidget) -> LedgerPage:
        page = LedgerPage(self.ctx, spec, holder)
        page.counts_changed.connect(self._update_status)
        page.notice.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        page.table.selectionModel().selectionChanged.connect(self._update_actions)
        return page

    def show_ledger(self, key: str) -> LedgerPage:
        """Show one ledger's page (in its tab for volunteers and teams) and return it."""
        self.show_page("volunteers" if key in ("volunteers", "teams") else key)
        page = self.ledger_pages[key]
        if key in ("volunteers", "teams"):
            self.people_tabs.setCurrentWidget(page.parentWidget())
        return page

    def _build_returns_page(self, holder: QWidget) -> ReturnsPage:
        from commdesk.ui.returns_page import ReturnsPage

        page = ReturnsPage(self.ctx.store, self.ctx.data_dir, holder, settings=self.ctx.settings)
        page.showRecords.connect(self.show_records)
        page.periodsChanged.connect(lambda: self._on_data_changed("export_log"))
        return page

    def _build_consolidation_page(self, holder: QWidget) -> ConsolidationPage:
        from commdesk.ui.consolidation_page import ConsolidationPage, IntakeState

        state = self.ctx.page_state.setdefault("consolidation", IntakeState())
        return ConsolidationPage(
            self.ctx.store, self.ctx.data_dir, holder, settings=self.ctx.settings, state=state
        )

    def _build_overview_page(self, holder: QWidget) -> OverviewPage:
        from commdesk.ui.overview_page import OverviewPage

        page = OverviewPage(self.ctx, holder)
        page.open_page.connect(self.show_page)
        page.open_return.connect(self._prepare_return)
        page.open_records.connect(self.show_records)
        return page

    def _prepare_return(self, period: Period) -> None:
        self.show_page("reports")
        self.returns_page.set_period(period)

    def _build_audit_page(self, holder: QWidget) -> AuditPage:
        from commdesk.ui.audit_page import AuditPage

        return AuditPage(self.ctx, holder)

    @property
    def returns_page(self) -> ReturnsPage:
        return self._lazy["reports"].page()  # type: ignore[return-value]

    @property
    def consolidation_page(self) -> ConsolidationPage:
        return self._lazy["consolidation"].page()  # type: ignore[return-value]

    @property
    def audit_page(self) -> AuditPage:
        return self._lazy["audit"].page()  # type: ignore[return-value]

    @property
    def overview_page(self) -> OverviewPage:
        return self._lazy["overview"].page()  # type: ignore[return-value]

    def _refresh_returns_page(self, _ledger_name: str) -> None:
        if self._lazy["reports"].built:
            self.returns_page.refresh_if_visible()

    def _import(self) -> None:
        """File → Import: the wizard starts on the ledger being looked at."""
        from commdesk.ui.import_wizard import open_import_wizard

        page = self.current_ledger_page()
        open_import_wizard(self.ctx, page.ledger.name if page is not None else None, self)

    def _export_view(self) -> None:
        page = self.current_ledger_page()
        if page is not None:
            page.export_view()

    def paper_page(self) -> QWidget | None:
        """The page being looked at if it has something to print (``request_paper``)."""
        page: QWidget | None = self.current_ledger_page() or self.stack.currentWidget()
        if isinstance(page, LazyPage):
            page = page.page()
        return page if hasattr(page, "request_paper") else None

    def paper(self, how: str) -> None:
        """File → Print preview / Print / Export PDF of the current page (see paper_print)."""
        from commdesk.ui.paper_print import deliver

        page = self.paper_page()
        if page is None:
            self.statusBar().showMessage(
                translate("MainWindow", "Nothing on this page to print"), 5000
            )
            return
        page.request_paper(deliver(how, self, self.ctx.settings))  # type: ignore[attr-defined]

    def show_records(self, ledger_name: str, ids: list[int]) -> None:
        """Open a ledger filtered to the rows an audit warning points at."""
        for spec in LEDGER_SPECS:
            if spec.ledger.name == ledger_name:
                self.show_ledger(spec.key).show_only(ids)
                return

    def page_keys(self) -> list[str]:
        return list(self.pages)

    def show_page(self, key: str) -> QWidget:
        """Show the page and return it (the page itself, not a LazyPage holder)."""
        self.sidebar.setCurrentRow(self.page_keys().index(key))
        holder = self._lazy.get(key)
        return holder.page() if holder is not None else self.pages[key]

    def _on_nav(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)
            self._after_page_change()

    def _after_page_change(self) -> None:
        page = self.current_ledger_page()
        self.ctx.undo_group.setActiveStack(page.undo_stack if page is not None else None)
        self._update_actions()
        self._update_status()

    def help_topic(self) -> tuple[str, str | None]:
        """F1: the guide page of the page in front (a selected audit issue: its rule)."""
        from commdesk.ui.help_topics import PAGE_TOPICS

        key = self.page_keys()[max(self.sidebar.currentRow(), 0)]
        anchor = None
        if key == "reports" and self._lazy["reports"].built:
            anchor = self.returns_page.issues.current_rule()
        return PAGE_TOPICS[key], anchor

    def show_help(self) -> QWidget:
        from commdesk.ui.help_window import open_help

        return open_help(*self.help_topic())

    def current_ledger_page(self) -> LedgerPage | None:
        widget = self.stack.currentWidget()
        if widget is self.people_tabs:
            widget = self.people_tabs.currentWidget()
        if isinstance(widget, LazyPage) and widget in self.ledger_pages.holders():
            widget = widget.page()  # the page being looked at is built now
        return widget if isinstance(widget, LedgerPage) else None

    # ------------------------------------------------------------ actions
    def _build_actions(self) -> None:
        """Menus from the one action registry (commdesk.ui.actions), plus pages and undo."""
        bar = self.menuBar()
        self.menus = {key: bar.addMenu(translated(text)) for key, text in MENUS}
        self.act_undo = self.ctx.undo_group.createUndoAction(self, translate("MainWindow", "Undo"))
        self.act_undo.setObjectName("act_undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.ctx.undo_group.createRedoAction(self, translate("MainWindow", "Redo"))
        self.act_redo.setObjectName("act_redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.addActions([self.act_undo, self.act_redo])
        self.menus["edit"].addActions([self.act_undo, self.act_redo])
        for i, key in enumerate(self.page_keys()):
            page_action = QAction(self.sidebar.item(i).text(), self)
            page_action.setObjectName(f"act_page_{key}")
            page_action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            page_action.triggered.connect(lambda _c=False, k=key: self.show_page(k))
            self.addAction(page_action)
            self.menus["view"].addAction(page_action)
        for spec in ACTIONS:
            action = QAction(translated(spec.text), self)
            action.setObjectName(f"act_{spec.name}")
            action.setShortcuts(key_sequences(spec.shortcuts))
            if spec.application_wide:
                action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            if spec.icon is not None:
                action.setIcon(self.style().standardIcon(spec.icon))
            action.setCheckable(spec.checkable)
            action.triggered.connect(lambda _checked=False, run=spec.run: run(self))
            self.addAction(action)
            setattr(self, f"act_{spec.name}", action)
            menu = self.menus[spec.menu]
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(action)
        self.set_lock_available(False)  # until the shell says a password is set
        hide_actions(self, ACTIONS, self.ctx.store)

    def set_lock_available(self, available: bool) -> None:
        """Lock now needs a start-up password to unlock with; say so when there is none."""
        self.act_lock_now.setEnabled(available)
        self.act_lock_now.setToolTip(
            translate("MainWindow", "Cover the window until the password is given")
            if available
            else translate(
                "MainWindow", "Set a start-up password in Settings to be able to lock CommDesk"
            )
        )

    def open_data_folder(self) -> None:
        open_folder(self.ctx.data_dir)

    def open_catalogues(self) -> QWidget:
        from commdesk.ui.catalogue_dialog import CatalogueDialog

        dialog = CatalogueDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _update_actions(self, *_args: object) -> None:
        page = self.current_ledger_page()
        has_page = page is not None
        selected = bool(page and page.selected_ids())
        deleted_view = bool(page and page.showing_deleted)
        self.act_new.setEnabled(has_page)
        self.act_edit.setEnabled(selected and not deleted_view)
        self.act_delete.setEnabled(selected and not deleted_view)
        self.act_find.setEnabled(has_page)
        self.act_columns.setEnabled(has_page)
        self.act_deleted.setEnabled(has_page)
        self.act_deleted.setChecked(deleted_view)
        self.act_export_view.setEnabled(has_page)
        self.act_copy_rows.setEnabled(selected)
        self.act_batch_entry.setEnabled(
            bool(page and page.ledger.name == "service_record") and not deleted_view
        )
        self.act_paste_rows.setEnabled(
            bool(page and page.ledger.name in IMPORTABLE) and not deleted_view
        )
        printable = self.paper_page() is not None
        for action in (self.act_print_preview, self.act_print, self.act_export_pdf):
            action.setEnabled(printable)

    def _new(self) -> None:
        page = self.current_ledger_page()
        if page is not None:
            page.new_record()

    def _edit(self) -> None:
        page = self.current_ledger_page()
        if page is not None:
            page.edit_current()

    def _delete(self) -> None:
        page = self.current_ledger_page()
        if page is not None:
            page.delete_selected()

    def _copy_rows(self) -> None:
        page = self.current_ledger_page()
        if page is not None:
            page.copy_selected()

    def _batch_entry(self) -> None:
        from commdesk.ui.batch_entry import open_batch_entry

        page = self.current_ledger_page()
        if page is not None:
            open_batch_entry(page)

    def _paste_rows(self) -> None:
        page = self.current_ledger_page()
        if page is not None:
            page.paste_rows()

    def _find(self) -> None:
        page = self.current_ledger_page()
        if page is not None:
            page.focus_search()

    def _toggle_deleted(self, on: bool) -> None:
        page = self.current_ledger_page()
        if page is not None:
            page.set_show_deleted(on)
        self._update_actions()

    def _columns(self) -> None:
        page = self.current_ledger_page()
        if page is not None:
            page.column_menu().exec(page.table.mapToGlobal(page.table.rect().topLeft()))

    def about(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            translate("MainWindow", "About CommDesk"),
            translate(
                "MainWindow",
                "CommDesk {version}\nOffline ledgers and statistical returns for village "
                "and residents' committees.",
            ).format(version=__version__),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()
        return box

    # ------------------------------------------------------------ status
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._noticed:
            self._noticed = True
            # Once shown: a message given to a hidden status bar leaves its labels
            # showing under it (QStatusBar hides only visible ones).
            QTimer.singleShot(0, self, self._due_notice)  # cancelled if the window goes first

    def _due_notice(self) -> None:
        """Returns due within days or late, once per session, in the status bar."""
        show_notice_once(self, self.ctx)
        preload_later(self)  # the overview's charts: matplotlib on a worker, after start

    def _build_status_bar(self) -> None:
        self.community_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("path")
        self.user_label = QLabel(self)
        self.user_label.setObjectName("signedIn")
        bar = self.statusBar()
        bar.addWidget(self.community_label)
        bar.addWidget(self.counts_label, 1)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.folder_label)

    def _update_title(self) -> None:
        profile = get_profile(self.ctx.store) or {}
        name = str(profile.get("name") or "")
        self.community_label.setText(name)
        app_name = translate("MainWindow", "CommDesk community ledgers")
        who = signed_in_text(self.ctx.store)
        self.user_label.setText(who)
        self.user_label.setVisible(bool(who))  # an empty label would still take the bar's room
        title = f"{name} — {app_name}" if name else app_name
        self.setWindowTitle(f"{title} — {who}" if who else title)

    def _update_status(self) -> None:
        page = self.current_ledger_page()
        if page is None:
            self.counts_label.clear()
        else:
            self.counts_label.setText(
                translate("MainWindow", "{ledger}: {count} rows").format(
                    ledger=page.ledger.label(), count=page.row_count()
                )
            )
        self.folder_label.setText(
            translate("MainWindow", "Data folder: {path}").format(path=self.ctx.data_dir)
        )

    def _on_data_changed(self, ledger_name: str) -> None:
        if ledger_name == PROFILE.name:
            self._update_title()
            self.profile_page.load()
        self._update_status()
        self._update_actions()

    # ------------------------------------------------------------ persistence
    def _restore_state(self) -> None:
        settings = self.ctx.settings
        restore_frame(self, self.splitter, self.sidebar, settings)
        page = str(settings.value("window/page", "services"))
        self.show_page(page if page in self.pages else "services")

    def save_state(self) -> None:
        settings = self.ctx.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/page", self.page_keys()[max(self.sidebar.currentRow(), 0)])
        for page in self.ledger_pages.built():
            page.save_state()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
