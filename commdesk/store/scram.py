"""SCRAM-SHA-256 verifiers computed on this PC, so no clear password reaches the server.

``CREATE ROLE … PASSWORD 'secret'`` puts the password in the statement, and a
server that logs statements (``log_statement = 'all'``, or any error in it)
writes it to its log. PostgreSQL stores a password given already in its own
verifier form as it is, so CommDesk sends that form instead:
``SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`` (RFC 5802 / 7677,
base64 fields), made from the password after SASLprep (RFC 4013) the way
PostgreSQL's src/common/saslprep.c applies it, which libpq repeats at sign-in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import stringprep
import unicodedata

ITERATIONS = 4096  # PostgreSQL's scram_iterations default
SALT_BYTES = 16  # PostgreSQL's SCRAM_DEFAULT_SALT_LEN

# RFC 4013 section 2.3: prohibited output (C.1.2 is already mapped to a space).
_PROHIBITED = (
    stringprep.in_table_c12,
    stringprep.in_table_c21,
    stringprep.in_table_c22,
    stringprep.in_table_c3,
    stringprep.in_table_c4,
    stringprep.in_table_c5,
    stringprep.in_table_c6,
    stringprep.in_table_c7,
    stringprep.in_table_c8,
    stringprep.in_table_c9,
    stringprep.in_table_a1,  # unassigned code points
)


def saslprep(password: str) -> bytes:
    """The bytes PostgreSQL hashes for ``password``.

    As in PostgreSQL: pure ASCII is used unchanged; otherwise non-ASCII spaces
    become a space, "commonly mapped to nothing" characters go, and the rest is
    NFKC-normalised. When the mapped password holds a prohibited character or
    breaks the bidirectional rule (or maps to nothing), PostgreSQL and libpq fall
    back to the password's raw UTF-8 bytes, and so does this.
    """
    raw = password.encode("utf-8")
    if password.isascii():
        return raw
    mapped = [
        " " if stringprep.in_table_c12(ch) else ch
        for ch in password
        if not stringprep.in_table_b1(ch)
    ]
    if not mapped:
        return raw
    if any(table(ch) for ch in mapped for table in _PROHIBITED):
        return raw
    if any(stringprep.in_table_d1(ch) for ch in mapped):
        if any(stringprep.in_table_d2(ch) for ch in mapped):
            return raw
        if not (stringprep.in_table_d1(mapped[0]) and stringprep.in_table_d1(mapped[-1])):
            return raw
    return unicodedata.normalize("NFKC", "".join(mapped)).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def verifier(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """The value PostgreSQL keeps in pg_authid.rolpassword for ``password``."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    salted = hashlib.pbkdf2_hmac("sha256", saslprep(password), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    return f"SCRAM-SHA-256${iterations}:{_b64(salt)}${_b64(stored_key)}:{_b64(server_key)}"
