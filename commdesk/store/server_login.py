"""Signing in to a committee's server: the login and password are the connection.

The password is given at sign-in and kept only in memory (in the engine's URL):
never in the settings file, the log or any message. PostgreSQL's refusals
(no password, wrong password, not a clerk of this committee) are told apart
from a server that is away, so the clerk can correct the password and retry.
"""

from __future__ import annotations

from pathlib import Path

from commdesk.domain.i18n import translate
from commdesk.store.accounts import SignInError, sign_in_server
from commdesk.store.engine import Store, StoreError

# The first line of libpq's refusals (the server's own words; English on a default server).
_NO_PASSWORD = ("no password supplied",)
_WRONG = ("password authentication failed", "authentication failed")
_NOT_A_CLERK = ("permission denied for database",)


def login_name(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).username or ""


def has_password(url: str) -> bool:
    from sqlalchemy.engine import make_url

    return bool(make_url(url).password)


def with_login(url: str, user: str, password: str) -> str:
    """``url`` with another user name and password (the result holds the password: keep it
    in memory only)."""
    from sqlalchemy.engine import make_url

    u = make_url(url).set(username=user.strip() or None, password=password or None)
    return u.render_as_string(hide_password=False)


def refusal(exc: BaseException, url: str) -> str | None:
    """The clerk's message when PostgreSQL refused the login (None: away, or another failure)."""
    from sqlalchemy.engine import make_url

    words, seen = "", exc
    for _ in range(5):  # StoreError from an SQLAlchemy error from psycopg's
        words += " " + str(seen).lower()
        nxt = seen.__cause__ or getattr(seen, "orig", None)
        if not isinstance(nxt, BaseException):
            break
        seen = nxt
    u = make_url(url)
    user, database = u.username or "?", u.database or "?"
    if any(w in words for w in _NO_PASSWORD):
        return translate("SignIn", "The server asks for the password of {user}.").format(user=user)
    if any(w in words for w in _NOT_A_CLERK):
        return translate(
            "SignIn",
            "The server refused {user} on the database {database}: this login is not a "
            "clerk of this committee.",
        ).format(user=user, database=database)
    if any(w in words for w in _WRONG):
        return translate(
            "SignIn", "The server refused the user name or password ({user}). Try again."
        ).format(user=user)
    return None


def open_signed_in(data_dir: Path, url: str) -> Store:
    """Open the committee's database as the login in ``url`` and read its role.

    SignInError (with the clerk's message) when PostgreSQL refused the login or the
    login holds no role in this committee; StoreError when the server is away.
    """
    from commdesk.store.server_store import open_server_store

    try:
        store = open_server_store(data_dir, url)
    except Exception as exc:
        message = refusal(exc, url)
        if message is not None:
            raise SignInError(message) from None  # the chain would carry the URL
        raise
    try:
        sign_in_server(store)
    except SignInError:
        store.close()
        raise
    except Exception as exc:
        store.close()
        raise StoreError(str(exc)) from None
    return store
