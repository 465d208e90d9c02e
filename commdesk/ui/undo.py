"""Undoable ledger operations: every step is a service call, nothing else.

Adds are undone by a soft delete (and redone by a restore), so an undone row
keeps its id and its audit trail. After each step the context's ``changed``
signal tells the pages to refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox

from commdesk.store.services.base import LedgerService, NotFound
from commdesk.store.services.conflicts import EditConflict
from commdesk.store.services.periods import PeriodLocked
from commdesk.ui.context import UiContext
from commdesk.ui.period_lock import ask_unlock

translate = QCoreApplication.translate


def editable_values(service: LedgerService, row: Mapping[str, Any]) -> dict[str, Any]:
    """The ledger fields of a stored row, as the service's update() accepts them."""
    return {name: row.get(name) for name in service.ledger.names()}


class _LedgerCommand(QUndoCommand):
    def __init__(self, ctx: UiContext, service: LedgerService, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.service = service

    def _changed(self) -> None:
        self.ctx.events.changed.emit(self.service.ledger.name)

    def _run(self, step: Callable[[], object]) -> bool:
        """Run a service call; a locked period asks to unlock, else the step is dropped.

        An exception must not escape undo()/redo() (Qt would move the stack's
        index anyway), so a refused step marks the command obsolete and Qt
        removes it from the stack.
        """
        try:
            step()
        except PeriodLocked as exc:
            if not ask_unlock(QApplication.activeWindow(), self.ctx.store, exc):
                self.setObsolete(True)
                return False
            self.ctx.events.changed.emit("export_log")
            step()
        except NotFound:
            self.setObsolete(True)
            return False
        except EditConflict as conflict:
            # Another clerk changed the row since: undoing would overwrite their work.
            self.setObsolete(True)
            QMessageBox.information(
                QApplication.activeWindow(),
                translate("Undo", "Cannot undo"),
                translate(
                    "Undo", "{reason} Undoing now would overwrite their change; edit the record."
                ).format(reason=conflict),
            )
            return False
        return True


class AddCommand(_LedgerCommand):
    """Pushed after the row was added (so the dialog could show validation errors)."""

    def __init__(self, ctx: UiContext, service: LedgerService, row_id: int) -> None:
        super().__init__(
            ctx,
            service,
            translate("Undo", "Add to {ledger}").format(ledger=service.ledger.label()),
        )
        self.row_id = row_id
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self._run(lambda: self.service.restore(self.ctx.store, [self.row_id]))
        self._changed()

    def undo(self) -> None:
        self._run(lambda: self.service.delete(self.ctx.store, [self.row_id]))
        self._changed()


class EditCommand(_LedgerCommand):
    def __init__(
        self,
        ctx: UiContext,
        service: LedgerService,
        row_id: int,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
    ) -> None:
        super().__init__(
            ctx,
            service,
            translate("Undo", "Edit in {ledger}").format(ledger=service.ledger.label()),
        )
        self.row_id = row_id
        self.before = dict(before)
        self.after = dict(after)
        self._first = True

    def _write(self, expected: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        """Write ``values`` only if the row still holds ``expected`` (what this step left).

        Compared by value, not version: this clerk's own delete/restore moves the
        version but not the fields; another clerk's edit moves the fields.
        """
        from commdesk.ui.conflict_dialog import same

        def step() -> None:
            current = self.service.get(self.ctx.store, self.row_id)
            if current is None or current["deleted_at"] is not None:
                raise NotFound(self.row_id)
            if any(not same(current.get(name), value) for name, value in expected.items()):
                raise EditConflict(
                    self.service.ledger.name,
                    self.row_id,
                    values,
                    current,
                    expected_version=current["version"],
                    current_version=current["version"],
                )
            self.service.update(
                self.ctx.store, self.row_id, values, expected_version=current["version"]
            )

        self._run(step)

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self._write(self.before, self.after)
        self._changed()

    def undo(self) -> None:
        self._write(self.after, self.before)
        self._changed()


class DeleteCommand(_LedgerCommand):
    """Soft delete (``restore=False``) or restore from the recycle view."""

    def __init__(
        self,
        ctx: UiContext,
        service: LedgerService,
        ids: Sequence[int],
        *,
        restore: bool = False,
    ) -> None:
        label = service.ledger.label()
        if restore:
            text = translate("Undo", "Restore rows in {ledger}: {count}")
        else:
            text = translate("Undo", "Delete rows from {ledger}: {count}")
        super().__init__(ctx, service, text.format(ledger=label, count=len(ids)))
        self.ids = list(ids)
        self.restore = restore

    def _apply(self, delete: bool) -> None:
        action = self.service.delete if delete else self.service.restore
        self._run(lambda: action(self.ctx.store, self.ids))
        self._changed()

    def redo(self) -> None:
        self._apply(not self.restore)

    def undo(self) -> None:
        self._apply(self.restore)


class PasteCommand(_LedgerCommand):
    """Pushed after the paste was written: undo deletes its rows, redo restores them.

    Teams the paste created go with it on undo, unless another record has
    named them since (then they stay, and the clerk is told); redo brings back
    the ones it removed.
    """

    def __init__(
        self,
        ctx: UiContext,
        service: LedgerService,
        ids: Sequence[int],
        team_ids: Sequence[int] = (),
    ) -> None:
        super().__init__(
            ctx,
            service,
            translate("Undo", "Paste {count} rows into {ledger}").format(
                count=len(ids), ledger=service.ledger.label()
            ),
        )
        self.ids = list(ids)
        self.team_ids = list(team_ids)
        self.removed_teams: list[int] = []
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            if self.removed_teams:
                from commdesk.store.services.volunteers import teams

                removed, self.removed_teams = self.removed_teams, []
                teams.restore(self.ctx.store, removed)
                self.ctx.events.changed.emit(teams.ledger.name)
            self._run(lambda: self.service.restore(self.ctx.store, self.ids))
        self._changed()

    def undo(self) -> None:
        if self._run(lambda: self.service.delete(self.ctx.store, self.ids)):
            self._remove_teams()
        self._changed()

    def _remove_teams(self) -> None:
        from commdesk.store.services.volunteers import teams, teams_in_use

        if not self.team_ids:
            return
        kept = teams_in_use(self.ctx.store, self.team_ids)
        gone = [i for i in self.team_ids if i not in kept]
        if gone:
            teams.delete(self.ctx.store, gone)
            self.removed_teams = gone
            self.ctx.events.changed.emit(teams.ledger.name)
        if kept:
            names = [str((teams.get(self.ctx.store, i) or {}).get("name", i)) for i in sorted(kept)]
            QMessageBox.information(
                QApplication.activeWindow(),
                translate("Undo", "Teams kept"),
                translate(
                    "Undo",
                    "The paste was undone, but these volunteer teams it created are kept "
                    "because other records now name them: {teams}.",
                ).format(teams="、".join(names)),
            )
