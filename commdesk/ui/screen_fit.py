"""Window sizes taken from the screen a window opens on, never larger than its free area.

A 1366×768 laptop with a taskbar leaves about 1366×728; 1920×1080 at 150 %
leaves about 1280×680. Sizes chosen for a big monitor push 保存/取消 off such
screens, so every window asks here, and long content scrolls with its buttons
outside the scroll area.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

# Room for what the platform adds around a window: title bar and borders.
FRAME_WIDTH = 16
FRAME_HEIGHT = 40


def available_area(widget: QWidget) -> QRect:
    """The free area of the screen the widget (or its parent) is on."""
    parent = widget.parentWidget()
    screen = (parent.window() if parent is not None else widget).screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_size(widget: QWidget, width: int, height: int) -> None:
    """Resize to ``width``×``height``, shrunk to what the screen leaves free."""
    area = available_area(widget)
    widget.resize(
        max(1, min(width, area.width() - FRAME_WIDTH)),
        max(1, min(height, area.height() - FRAME_HEIGHT)),
    )


def content_height(content: QWidget, width: int) -> int:
    """Height ``content`` needs at ``width`` (wrapped text included), unscrolled."""
    wrapped = content.heightForWidth(width) if content.hasHeightForWidth() else -1
    return max(wrapped, content.sizeHint().height())


def scroll_area(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless vertical scroll area (buttons belong outside it)."""
    scroll = QScrollArea(parent)
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return scroll


def restore_frame(
    window: QWidget, splitter: QSplitter, sidebar: QWidget, settings: QSettings
) -> None:
    """The saved window geometry and sidebar split, or a size that fits the screen; one
    place, so the first window and the main window open exactly alike."""
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray | bytes) and geometry:
        window.restoreGeometry(QByteArray(geometry))
    else:
        fit_size(window, 1280, 800)
    state = settings.value("window/splitter")
    if isinstance(state, QByteArray | bytes) and state:
        splitter.restoreState(QByteArray(state))
    else:
        splitter.setSizes([sidebar.minimumWidth(), 1000])
