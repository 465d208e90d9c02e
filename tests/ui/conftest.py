"""UI fixtures: a real temp store with a profile, and a UiContext on it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from commdesk.domain import i18n


@pytest.fixture(autouse=True)
def _language() -> Iterator[None]:
    """Field labels in Chinese, UI strings untranslated (English), restored after."""
    i18n.install(None, "zh_CN")
    yield
    app = QCoreApplication.instance()
    if app is not None:
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
    i18n.install(None, "zh_CN")


@pytest.fixture
def ctx(qapp: QApplication, store_with_profile: Any) -> Iterator[Any]:
    from commdesk.ui.context import UiContext

    context = UiContext.create(store_with_profile)
    yield context
    context.clear_undo()
