"""The user guide inside the program (F1), from the same Markdown pages as the README.

One window, reused: F1 in a dialog or on a page opens it at that screen's page
(see help_topics). The returns page carries a generated section per audit
rule; an issue's link (``help:returns#RULE``) scrolls to its rule.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QWidget,
)

from commdesk import guide
from commdesk.domain import i18n
from commdesk.ui.help_topics import topic_for

translate = QCoreApplication.translate
HELP_SCHEME = "help"


def guide_language() -> str:
    return "zh" if i18n.is_chinese() else "en"


def _rules(lang: str) -> str:
    """The audit rules of the shipped return definition, as a guide section."""
    from commdesk.returns.definition import default_definition_path, load_definition
    from commdesk.returns.rule_titles import rule_title

    definition = load_definition(default_definition_path())
    rules = [(r.code, r.level, rule_title(r.code), r.message) for r in definition.rules]
    return guide.rules_markdown(lang, rules)


def page_markdown(topic: str, lang: str) -> str:
    text = guide.page_text(topic, lang)
    if topic == "returns":
        text = text.rstrip() + "\n\n" + _rules(lang)
    return text


class HelpWindow(QWidget):
    """Contents on the left, the page on the right."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(translate("Help", "CommDesk user guide"))
        self.lang = guide_language()
        self.topic = ""
        self.contents = QListWidget(self)
        self.contents.setObjectName("helpContents")
        for topic in guide.TOPICS:
            item = QListWidgetItem(guide.page_title(topic, self.lang))
            item.setData(Qt.ItemDataRole.UserRole, topic)
            self.contents.addItem(item)
        self.contents.setMaximumWidth(self.contents.sizeHintForColumn(0) + 40)
        self.contents.currentItemChanged.connect(self._picked)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.follow)
        layout = QHBoxLayout(self)
        layout.addWidget(self.contents)
        layout.addWidget(self.browser, 1)
        self.resize(960, 640)

    def _picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.show_topic(str(item.data(Qt.ItemDataRole.UserRole)))

    def show_topic(self, topic: str, anchor: str | None = None) -> None:
        if topic not in guide.TOPICS:
            topic = guide.TOPICS[0]
        if topic != self.topic:
            self.topic = topic
            self.browser.setMarkdown(page_markdown(topic, self.lang))
            row = guide.TOPICS.index(topic)
            if self.contents.currentRow() != row:
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)
        self.scroll_to(anchor)

    def scroll_to(self, anchor: str | None) -> bool:
        """To the heading naming ``anchor`` (a rule code), or the top."""
        bar = self.browser.verticalScrollBar()
        if not anchor:
            bar.setValue(0)
            return False
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and f"({anchor})" in block.text():
                layout = self.browser.document().documentLayout()
                top = int(layout.blockBoundingRect(block).top())
                if bar.maximum() < top:  # not laid out yet at the viewport's width
                    bar.setRange(0, max(int(layout.documentSize().height()), top))
                bar.setValue(top)
                return True
            block = block.next()
        return False

    def heading_shown(self) -> str:
        """The first heading at or below the top of the view (tests, screenshots)."""
        top = self.browser.verticalScrollBar().value()
        layout = self.browser.document().documentLayout()
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and layout.blockBoundingRect(block).top() >= top:
                return block.text()
            block = block.next()
        return ""

    def follow(self, url: QUrl) -> None:
        """``entering.md`` or ``help:returns#CODE`` stay here; web links open outside."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        topic = url.path().removesuffix(".md") or self.topic
        self.show_topic(topic, url.fragment() or None)


def open_help(topic: str, anchor: str | None = None) -> HelpWindow:
    """Show the guide at ``topic``; one help window for the whole application."""
    window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow)), None)
    if window is None:
        window = HelpWindow()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        # A parentless window lives as long as its Python wrapper: the application keeps
        # it (no parent window, so a modal dialog never blocks the guide it opened).
        app = QApplication.instance()
        app.help_window = window  # type: ignore[attr-defined]
        window.destroyed.connect(lambda: setattr(app, "help_window", None))
    window.show()  # laid out first, so the page can scroll to the anchor
    window.show_topic(topic, anchor)
    window.raise_()
    window.activateWindow()
    return window


def help_for(widget: QWidget) -> HelpWindow:
    return open_help(*topic_for(widget))


class HelpKey(QObject):
    """F1 anywhere (a modal dialog blocks the main window's own F1 shortcut)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_F1:
            return False
        if event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        if isinstance(watched.window(), HelpWindow):
            return True
        help_for(watched)
        return True
