"""The server a clerk chose in Settings, and which choice is in force.

The choice is kept as a URL without its password (the password is asked at
sign-in and never stored on the PC). ``--database`` beats
``COMMDESK_DATABASE_URL``, which beats the saved choice, which beats the
SQLite file in the data folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum

from commdesk.domain.i18n import translate
from commdesk.store.backend import (
    DRIVER,
    ENV_VAR,
    DatabaseChoice,
    current,
    make_server_engine,
    normalise,
    unreachable_message,
)

DEFAULT_PORT = 5432
# libpq's sslmode values offered to the clerk, the safest default first.
SSL_MODES = ("prefer", "require", "verify-full", "disable")


class Origin(Enum):
    """Why the database in force is the one it is."""

    COMMAND_LINE = "command line"
    ENVIRONMENT = "environment"
    SETTINGS = "settings"
    LOCAL = "local"


@dataclass(frozen=True)
class ServerFields:
    """What the clerk types on the page: host (or socket folder), port, database, user, TLS."""

    host: str
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    sslmode: str = SSL_MODES[0]

    def missing(self) -> list[str]:
        """The names of required fields left empty."""
        return [n for n in ("host", "database", "user") if not getattr(self, n).strip()]


def build_url(fields: ServerFields) -> str:
    """A ``postgresql+psycopg://`` URL without password (a socket folder goes in ``host=``)."""
    from sqlalchemy import URL

    host = fields.host.strip()
    query: dict[str, str] = {}
    if host.startswith("/"):
        query["host"] = host
        host_part: str | None = None
        port: int | None = None
    else:
        host_part, port = host, fields.port
        if fields.sslmode and fields.sslmode != SSL_MODES[0]:
            query["sslmode"] = fields.sslmode
    url = URL.create(
        DRIVER,
        username=fields.user.strip() or None,
        host=host_part,
        port=port,
        database=fields.database.strip() or None,
        query=query,
    )
    return url.render_as_string(hide_password=False)


def parse_url(url: str) -> ServerFields:
    """The fields of a saved URL, for showing it on the page again."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    host = u.host or str(u.query.get("host") or "")
    return ServerFields(
        host=host,
        port=u.port or DEFAULT_PORT,
        database=u.database or "",
        user=u.username or "",
        sslmode=str(u.query.get("sslmode") or SSL_MODES[0]),
    )


def without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    # URL.set() ignores None, so the field is replaced on the named tuple itself.
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def with_password(url: str, password: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)._replace(password=password or None)
    return u.render_as_string(hide_password=False)


def saved_choice(saved: str | None) -> DatabaseChoice | None:
    """The saved URL as a choice; an unusable saved value counts as none (the file)."""
    text = (saved or "").strip()
    if not text:
        return None
    try:
        return normalise(text)
    except ValueError:
        return None


def origin(saved: str | None) -> Origin:
    """Which door chose the database this process runs on (see the module docstring)."""
    chosen = current()
    if chosen is not None:
        env = os.environ.get(ENV_VAR, "").strip()
        if env and normalise(env).url == chosen.url:
            return Origin.ENVIRONMENT
        saved_now = saved_choice(saved)
        if saved_now is not None and saved_now.url == without_password(chosen.url):
            return Origin.SETTINGS
        return Origin.COMMAND_LINE
    return Origin.LOCAL


def check_connection(url: str) -> str | None:
    """Connect once (5 s timeout) and ask the server its version: None when it worked,
    else one line saying what went wrong, naming the server and never the password."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    engine = make_server_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        return unreachable_message(url, exc)
    except ValueError as exc:  # a URL the driver rejects (bad sslmode …)
        return translate("Store", "The server settings are not valid: {reason}").format(
            reason=str(exc).splitlines()[0]
        )
    finally:
        engine.dispose()
    return None
