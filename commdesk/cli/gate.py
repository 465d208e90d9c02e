"""What every command passes before it runs (called once, from the registry).

Two doors the window already keeps, kept for the command line too:

* a database that is damaged, or missing/emptied where one existed, is not
  written to (restore is how it is repaired); one locked by another program or
  out of this account's reach is reported as such and left alone;
* with a start-up password set, a command that reads personal data or writes
  asks for it on the terminal, or takes ``COMMDESK_PASSWORD`` (scripts), and
  refuses otherwise. The window does not audit a wrong password; neither does this.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import sys
from pathlib import Path

from commdesk.cli.contract import CliError
from commdesk.domain.i18n import translate

PASSWORD_VARIABLE = "COMMDESK_PASSWORD"


def refuse_unsound(data_dir: Path, *, repairs: bool) -> None:
    """CliError unless the database may be written (or is absent in a new folder).

    ``repairs``: the command replaces the database (restore), so damage does not stop it.
    """
    from commdesk.store.engine import db_path
    from commdesk.store.maintenance import clean_close_holds, health

    path = db_path(data_dir)
    verdict = health(path, quick_check=not clean_close_holds(data_dir))
    if verdict.state == "unavailable":
        raise CliError(verdict.reason)
    if repairs or verdict.state not in ("damaged", "lost"):
        return
    restore_hint = _restore_hint(data_dir)
    if verdict.state == "lost":
        raise CliError(
            translate(
                "Cli",
                "the database is missing or empty, though this folder held one; nothing was "
                "written. {restore}",
            ).format(restore=restore_hint)
        )
    if verdict.foreign:  # another program's file: not damage, and no backup of ours replaces it
        from commdesk.store.store_file import not_commdesk

        raise CliError(not_commdesk(path))
    raise CliError(
        translate("Cli", "database damaged ({reason}); nothing was written. {restore}").format(
            # SQLite's report spans lines; the refusal is one line, hint included.
            reason=" ".join(str(verdict.reason).split()),
            restore=restore_hint,
        )
    )


def _restore_hint(data_dir: Path) -> str:
    from commdesk.store.backups import BACKUP_DIR, newest_good_backup

    newest = newest_good_backup(data_dir)
    if newest is not None:
        return translate("Cli", "Restore the newest good backup: commdesk restore {path}").format(
            path=newest.path
        )
    return translate(
        "Cli", "No good backup in {folder}: restore one with commdesk restore FILE."
    ).format(folder=Path(data_dir) / BACKUP_DIR)


def require_password(data_dir: Path, *, repairs: bool = False) -> None:
    """CliError unless no start-up password is set or the right one is given.

    ``repairs``: a damaged file whose setting cannot be read does not stop a restore,
    as the window's damaged-start dialog offers one before any password: the file
    replaced holds nothing readable, and the backup brings its own password.
    """
    from commdesk.store.privacy import password_matches

    stored = _stored_password(data_dir, damaged_ok=repairs)
    if stored is None:
        return
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        if not sys.stdin.isatty():
            raise CliError(
                translate(
                    "Cli",
                    "a start-up password is set: run this at a terminal to type it, or give it "
                    "in the environment variable {name}",
                ).format(name=PASSWORD_VARIABLE)
            )
        try:
            password = getpass.getpass(translate("Cli", "Start-up password: "))
        except EOFError as exc:
            raise CliError(translate("Cli", "no password given; nothing was done")) from exc
    if not password_matches(*stored, password):
        raise CliError(translate("Cli", "wrong password; nothing was done"))


def _stored_password(data_dir: Path, *, damaged_ok: bool) -> tuple[str, str | None] | None:
    """The password hash and salt, read without opening the store for writing."""
    from commdesk.store.engine import db_path
    from commdesk.store.privacy import PASSWORD_KEY, SALT_KEY
    from commdesk.store.soundness import empty_file, unavailable_reason

    path = db_path(data_dir)
    if not path.is_file() or empty_file(path):
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if not con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='app_setting'"
            ).fetchone():
                return None
            rows = dict(
                con.execute(
                    "SELECT key, value FROM app_setting WHERE key IN (?, ?)",
                    (PASSWORD_KEY, SALT_KEY),
                ).fetchall()
            )
        finally:
            con.close()
    except sqlite3.Error as exc:
        away = unavailable_reason(exc, path)
        if damaged_ok and not away:
            return None
        raise CliError(
            away
            or translate("Cli", "cannot read the start-up password setting ({error})").format(
                error=exc
            )
        ) from exc
    stored = rows.get(PASSWORD_KEY)
    return (stored, rows.get(SALT_KEY)) if stored else None
