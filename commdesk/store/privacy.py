"""Privacy at the data layer: audited ID reveals and the optional start-up password.

The password keeps casual eyes off a shared PC; it does **not** encrypt the
database (anyone who copies the file can read it with other tools) and it
cannot be recovered. It is stored as PBKDF2-HMAC-SHA256 with a random salt
made once per install (per data folder), in the ``app_setting`` table, so a
copied data folder keeps its protection and the hash never leaves the file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from commdesk.domain.i18n import translate
from commdesk.store import audit
from commdesk.store.engine import Store
from commdesk.store.models import AppSetting

SALT_KEY = "install_salt"
PASSWORD_KEY = "password_hash"
LOCK_MINUTES_KEY = "lock_after_minutes"
ITERATIONS = 300_000
MIN_LENGTH = 4
DEFAULT_LOCK_MINUTES = 10
REVEAL_ACTION = "reveal_id"


class PasswordError(ValueError):
    """The password cannot be set or removed (too short, or the current one is wrong)."""


# ----------------------------------------------------------------- ID reveals
def audit_reveal(
    store: Store,
    ledger: str,
    row_id: int,
    *,
    field: str = "id_number",
    user: str | None = None,
) -> None:
    """Record that the clerk asked to see a full ID number.

    Only the fact is logged (who, when, which row and field), never the ID.
    Call it before showing the number; if it raises, do not show it.
    """
    with store.write() as s:
        audit.record(
            s,
            REVEAL_ACTION,
            ledger,
            int(row_id),
            after={"field": field},
            user=user or audit.current_user(store),
        )


# ----------------------------------------------------------------- settings
def _get(s: Session, key: str) -> str | None:
    row = s.get(AppSetting, key)
    return row.value if row is not None else None


def _put(s: Session, key: str, value: str | None) -> None:
    row = s.get(AppSetting, key)
    if row is None:
        s.add(AppSetting(key=key, value=value))
    else:
        row.value = value


def install_salt(store: Store) -> bytes:
    """The random salt of this data folder, made on first use."""
    with store.write() as s:
        text = _get(s, SALT_KEY)
        if not text:
            text = base64.b64encode(secrets.token_bytes(16)).decode("ascii")
            _put(s, SALT_KEY, text)
    return base64.b64decode(text)


def _derive(password: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)


def _encode(digest: bytes, iterations: int) -> str:
    return f"pbkdf2_sha256${iterations}${base64.b64encode(digest).decode('ascii')}"


def has_password(store: Store) -> bool:
    with store.read() as s:
        return bool(_get(s, PASSWORD_KEY))


def verify_password(store: Store, password: str) -> bool:
    """True if ``password`` is the start-up password (constant-time comparison)."""
    with store.read() as s:
        stored = _get(s, PASSWORD_KEY)
        salt_text = _get(s, SALT_KEY)
    return password_matches(stored, salt_text, password)


def password_matches(stored: str | None, salt_text: str | None, password: str) -> bool:
    """``password`` against the stored hash and salt (the command line reads them itself)."""
    if not stored or not salt_text:
        return False
    try:
        scheme, iterations_text, digest_text = stored.split("$")
        iterations = int(iterations_text)
        expected = base64.b64decode(digest_text)
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256" or iterations < 1:
        return False
    actual = _derive(password or "", base64.b64decode(salt_text), iterations)
    return hmac.compare_digest(actual, expected)


def set_password(
    store: Store, new: str, *, current: str | None = None, user: str | None = None
) -> None:
    """Set or change the start-up password; changing it needs the current one."""
    if len(new or "") < MIN_LENGTH:
        raise PasswordError(
            translate("Privacy", "The password must have at least {n} characters.").format(
                n=MIN_LENGTH
            )
        )
    if has_password(store) and not verify_password(store, current or ""):
        raise PasswordError(translate("Privacy", "The current password is not correct."))
    salt = install_salt(store)
    encoded = _encode(_derive(new, salt, ITERATIONS), ITERATIONS)
    with store.write() as s:
        _put(s, PASSWORD_KEY, encoded)
        audit.record(s, "password_set", "app_setting", None, user=user)


def clear_password(store: Store, current: str, *, user: str | None = None) -> None:
    """Remove the start-up password; needs the current one."""
    if not verify_password(store, current or ""):
        raise PasswordError(translate("Privacy", "The current password is not correct."))
    with store.write() as s:
        _put(s, PASSWORD_KEY, None)
        audit.record(s, "password_removed", "app_setting", None, user=user)


def lock_minutes(store: Store) -> int:
    """Idle minutes before the window locks (0 = never); only used with a password."""
    with store.read() as s:
        text = _get(s, LOCK_MINUTES_KEY)
    try:
        return max(0, int(text)) if text is not None else DEFAULT_LOCK_MINUTES
    except ValueError:
        return DEFAULT_LOCK_MINUTES


def set_lock_minutes(store: Store, minutes: int) -> None:
    with store.write() as s:
        _put(s, LOCK_MINUTES_KEY, str(max(0, int(minutes))))


def stored_settings(store: Store) -> dict[str, str | None]:
    """Every app setting (tests and diagnostics; the hash is not a secret, the password is)."""
    with store.read() as s:
        return {row.key: row.value for row in s.scalars(select(AppSetting))}
