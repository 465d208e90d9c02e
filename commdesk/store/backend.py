"""Which database a program opens: the SQLite file in its data folder, or a server.

SQLite in the data folder is the default and stays exactly as it was. A
PostgreSQL server is chosen with ``--database URL`` or ``COMMDESK_DATABASE_URL``;
the URL names the psycopg 3 driver (``postgresql+psycopg://…``) because
SQLAlchemy 2.1 changed which driver a bare ``postgresql://`` means. A server
that is away fails every connection within :data:`CONNECT_TIMEOUT_S` seconds
with one line naming the server (never the password), and no statement waits
on another clerk's lock for longer than :data:`LOCK_TIMEOUT_MS`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from commdesk.domain.i18n import translate

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine

ENV_VAR = "COMMDESK_DATABASE_URL"
DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 5
LOCK_TIMEOUT_MS = 5000
# A single statement running longer than this is stuck, not busy (the largest
# one, a 1,000,000-row return, takes seconds); it is cancelled with a message.
STATEMENT_TIMEOUT_MS = 300_000
# A dead server under an open connection is noticed within ~10 s, not TCP's hours.
_KEEPALIVE = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2}
_KEEPALIVE_COUNT = 2
_TCP_USER_TIMEOUT_MS = 10_000


class DatabaseUrlError(ValueError):
    """The URL given with --database or COMMDESK_DATABASE_URL cannot be used."""


@dataclass(frozen=True)
class DatabaseChoice:
    """A server URL (driver named) and a note for the user when it was rewritten."""

    url: str
    note: str | None = None

    @property
    def label(self) -> str:
        return server_label(self.url)


_chosen: list[DatabaseChoice | None] = []


def current() -> DatabaseChoice | None:
    """The database this process opens: the one chosen by the CLI, else the environment's."""
    return _chosen[-1] if _chosen else resolve(None)


@contextmanager
def chosen(choice: DatabaseChoice | None) -> Iterator[None]:
    """Inside the block, open_store's default is ``choice`` (None: the SQLite file)."""
    _chosen.append(choice)
    try:
        yield
    finally:
        _chosen.pop()


def resolve(explicit: str | None = None) -> DatabaseChoice | None:
    """``--database`` wins, then ``COMMDESK_DATABASE_URL``; None means the SQLite file.

    An empty ``--database`` is a mistake (an unset shell variable), never the default.
    """
    if explicit is not None:
        if not explicit.strip():
            raise DatabaseUrlError(translate("Store", "--database is empty; give a server URL"))
        return normalise(explicit.strip())
    env = os.environ.get(ENV_VAR, "").strip()
    return normalise(env) if env else None


def normalise(text: str) -> DatabaseChoice:
    """Accept ``postgresql+psycopg://…``; a URL without the driver gets it, with a note."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise DatabaseUrlError(
            translate(
                "Store", "“{url}” is not a database URL; write postgresql+psycopg://USER@HOST/DB"
            ).format(url=_without_password(text))
        ) from exc
    backend, _, driver = url.drivername.partition("+")
    if backend not in ("postgresql", "postgres"):
        raise DatabaseUrlError(
            translate(
                "Store",
                "CommDesk works with a PostgreSQL server (postgresql+psycopg://…), not “{kind}”",
            ).format(kind=url.drivername)
        )
    if driver == "psycopg":
        return DatabaseChoice(url.render_as_string(hide_password=False))
    if driver:
        raise DatabaseUrlError(
            translate(
                "Store", "the driver “{driver}” is not included; write postgresql+psycopg://…"
            ).format(driver=driver)
        )
    fixed = url.set(drivername=DRIVER)
    note = translate("Store", "note: using the psycopg driver ({url})").format(
        url=fixed.render_as_string(hide_password=True)
    )
    return DatabaseChoice(fixed.render_as_string(hide_password=False), note)


def _without_password(text: str) -> str:
    """The text of a URL that did not parse, with anything like a password cut out."""
    scheme, sep, rest = text.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not at:
        return text
    return f"{scheme}{sep}{userinfo.partition(':')[0]}@{host}"


def server_label(url: str | URL) -> str:
    """``database cd001 on 10.0.0.5:5432`` — the server and database, never the password."""
    from sqlalchemy.engine import make_url

    u = make_url(url) if isinstance(url, str) else url
    host = u.host or u.query.get("host") or ""
    if isinstance(host, tuple):
        host = ",".join(host)
    if not host:
        where = translate("Store", "the local server")
    elif host.startswith("/"):
        where = translate("Store", "the socket in {dir}").format(dir=host)
    else:
        where = f"{host}:{u.port or 5432}"
    return translate("Store", "database {name} on {server}").format(
        name=u.database or "?", server=where
    )


def make_server_engine(url: str) -> Engine:
    """An engine that gives up within seconds instead of hanging on a server that is away."""
    from sqlalchemy import create_engine

    options = (
        f"-c lock_timeout={LOCK_TIMEOUT_MS} -c statement_timeout={STATEMENT_TIMEOUT_MS} "
        "-c idle_in_transaction_session_timeout=600000 "
        # JIT compiling a return's GROUP BY over 500k records costs ~1 s and saves less:
        # every query CommDesk runs is over before JIT could pay for itself.
        "-c jit=off"
    )
    connect_args: dict[str, object] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "CommDesk",
        "options": options,
    }
    if not _is_socket(url):
        connect_args.update(
            _KEEPALIVE,
            keepalives_count=_KEEPALIVE_COUNT,
            tcp_user_timeout=_TCP_USER_TIMEOUT_MS,
        )
    return create_engine(
        url,
        connect_args=connect_args,
        pool_pre_ping=True,
        pool_size=2,
        max_overflow=4,
        pool_timeout=CONNECT_TIMEOUT_S,
    )


def _is_socket(url: str) -> bool:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    host = u.host or u.query.get("host") or ""
    return not host or str(host).startswith("/")


def is_unreachable(exc: BaseException) -> bool:
    """True for a lost or refused connection, or a server that did not answer in time."""
    return _failure_kind(exc) is not None


def _failure_kind(exc: BaseException) -> str | None:
    """The kind of server failure: busy (a lock or statement timed out), away, or None."""
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, sa_exc.TimeoutError):  # no pooled connection within the timeout
        return "away"
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated:
            return "away"
        exc = exc.orig or exc
    try:
        import psycopg
    except ImportError:  # pragma: no cover - installed with CommDesk
        return None
    from psycopg import errors

    if isinstance(exc, errors.LockNotAvailable | errors.QueryCanceled):
        return "busy"
    if isinstance(exc, psycopg.OperationalError) and not isinstance(
        exc, errors.InsufficientPrivilege
    ):
        return "away"
    return None


def failure_message(exc: BaseException) -> str | None:
    """The one-line message for a server that went away mid-session, else None."""
    try:
        choice = current()
    except DatabaseUrlError:
        return None
    if choice is None or not is_unreachable(exc):
        return None
    return unreachable_message(choice.url, exc)


def unreachable_message(url: str, exc: BaseException) -> str:
    """One line: which server, and the first line of what the driver said."""
    from sqlalchemy import exc as sa_exc

    orig = exc.orig if isinstance(exc, sa_exc.DBAPIError) and exc.orig else exc
    reason = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if _failure_kind(exc) == "busy":
        return translate(
            "Store", "The database server did not answer in time ({server}): {reason}"
        ).format(server=server_label(url), reason=_hide(reason, url))
    return translate("Store", "The database server is not available ({server}): {reason}").format(
        server=server_label(url), reason=_hide(reason, url)
    )


def _hide(text: str, url: str) -> str:
    from sqlalchemy.engine import make_url

    password = make_url(url).password
    return text.replace(password, "***") if password else text
