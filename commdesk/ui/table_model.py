"""A lazy table model over one ledger service.

Rows are fetched from ``service.query`` in pages of :data:`PAGE_SIZE` only
when the view paints them, and a handful of pages are kept in a small LRU
cache, so a million service records cost one page of memory. ``rowCount``
comes from ``service.count`` under the same query.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from commdesk.domain.ledgers import Field
from commdesk.store.services.base import Query
from commdesk.store.services.volunteers import team_choices
from commdesk.ui.context import UiContext
from commdesk.ui.display import NUMERIC_KINDS, display_value
from commdesk.ui.specs import PageSpec

PAGE_SIZE = 200
CACHED_PAGES = 8
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RAW_VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
FIELD_NAME_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class LedgerTableModel(QAbstractTableModel):
    """Columns are the ledger's column fields; rows are pages of plain dicts."""

    def __init__(self, ctx: UiContext, spec: PageSpec, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self.fields: list[Field] = spec.ledger.columns()
        # Newest first: a clerk mostly looks at (and just added) recent rows.
        self._query = Query(limit=PAGE_SIZE, sort=spec.ledger.date_field, descending=True)
        self._count = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._team_names: dict[int, str] = {}
        self.fetches = 0  # pages read from the store; tests check laziness with it
        self.refresh()

    # ------------------------------------------------------------ query state
    @property
    def query(self) -> Query:
        return self._query

    def set_query(self, **changes: Any) -> None:
        """Change search/filters/sort/deleted and reload from the first page."""
        self._query = replace(self._query, offset=0, limit=PAGE_SIZE, **changes)
        # Another order holds the same rows: no count (on a server, 0.1 s per million).
        self.refresh(recount=any(k not in ("sort", "descending") for k in changes))

    def refresh(self, *, recount: bool = True) -> None:
        self.beginResetModel()
        self._pages.clear()
        # Only the count here (from indexes where it can): the page sums the totals
        # line on a worker thread, so a search answers before a million rows are summed.
        if recount:
            self._count = self.spec.service.count(self.ctx.store, self._query)
        if any(f.kind == "team" for f in self.fields):
            self._team_names = dict(team_choices(self.ctx.store))
        self.endResetModel()

    def _page(self, number: int) -> list[dict[str, Any]]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        start = number * PAGE_SIZE
        if start > self._count // 2:
            # SQLite's OFFSET walks every skipped row: read far pages from the
            # other end (the order is total, sort column then id) and flip them.
            end = min(start + PAGE_SIZE, self._count)
            q = replace(
                self._query,
                descending=not self._query.descending,
                offset=self._count - end,
                limit=end - start,
                expected_rows=self._count,
            )
            page = list(reversed(self.spec.service.query(self.ctx.store, q)))
        else:
            q = replace(self._query, offset=start, limit=PAGE_SIZE, expected_rows=self._count)
            page = self.spec.service.query(self.ctx.store, q)
        self.fetches += 1
        self._pages[number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def row_data(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def row_id(self, row: int) -> int | None:
        data = self.row_data(row)
        return int(data["id"]) if data else None

    def row_of_id(self, row_id: int) -> int | None:
        """Row of ``row_id`` if it is in a cached page, the first or the last page.

        New and edited rows land there under the default newest-first order; a
        row elsewhere is simply not selected (no full scan on a large ledger).
        """
        last = max(self._count - 1, 0) // PAGE_SIZE
        for number in [*self._pages, 0, last]:
            if number * PAGE_SIZE >= self._count:
                continue
            for offset, data in enumerate(self._page(number)):
                if data["id"] == row_id:
                    return number * PAGE_SIZE + offset
        return None

    def column_of(self, name: str) -> int:
        return next(i for i, f in enumerate(self.fields) if f.name == name)

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.fields[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if f.kind in NUMERIC_KINDS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            ROW_ID_ROLE,
            RAW_VALUE_ROLE,
            FIELD_NAME_ROLE,
        ):
            return None
        if role == FIELD_NAME_ROLE:
            return f.name
        row = self.row_data(index.row())
        if row is None:
            return None
        if role == ROW_ID_ROLE:
            return int(row["id"])
        value = row.get(f.name)
        if role == RAW_VALUE_ROLE:
            return value
        text = display_value(f, value, self.ctx.catalogues, team_names=self._team_names)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 12 else None
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.fields):
            return super().headerData(section, orientation, role)
        f = self.fields[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f.label()
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("LedgerTableModel", "Click to sort by {name}").format(
                name=f.label()
            )
        if role == FIELD_NAME_ROLE:
            return f.name
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.fields):
            return
        name, descending = self.fields[column].name, order == Qt.SortOrder.DescendingOrder
        if (name, descending) == (self._query.sort, self._query.descending):
            return  # restoring the header's saved state re-sorts: no second count
        self.set_query(sort=name, descending=descending)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
