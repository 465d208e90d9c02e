"""Linking service records to their distinct search keys.

Every path that writes service records (the ledger service, the importer, the
migration that introduced keys) leaves ``search_key_id`` NULL and then runs
:func:`link_pending` in the same transaction; the demo generator assigns the
same keys in bulk. Two statements, whatever the number of rows: the pending
rows are found through a partial index that is empty outside a write. The SQL
is the same on SQLite and PostgreSQL.

An import into PostgreSQL instead gives its rows their keys before it COPYs
them (:func:`key_ids`): an UPDATE of every new row after the COPY would write
each row twice.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

ADD_KEYS = """
INSERT INTO service_search_key (text, id_number)
SELECT DISTINCT search_text, coalesce(recipient_id_number, '')
FROM service_record WHERE search_key_id IS NULL
ON CONFLICT DO NOTHING
"""
SET_KEYS = """
UPDATE service_record SET search_key_id = (
    SELECT k.id FROM service_search_key AS k
    WHERE k.text = service_record.search_text
      AND k.id_number = coalesce(service_record.recipient_id_number, '')
) WHERE search_key_id IS NULL
"""
# Rows whose key is missing or no longer says what the row says (check, tests).
MISMATCHED = """
SELECT count(*) FROM service_record AS r
LEFT JOIN service_search_key AS k ON k.id = r.search_key_id
WHERE k.id IS NULL OR k.text != r.search_text
   OR k.id_number != coalesce(r.recipient_id_number, '')
"""


def link_pending(connection: Any) -> None:
    """Give every unlinked service record its key (a Session, Connection or Alembic op)."""
    for statement in (ADD_KEYS, SET_KEYS):
        connection.execute(text(statement))


# PostgreSQL: the keys of many (text, ID) pairs, added when missing, in two statements.
ADD_PAIRS = """
INSERT INTO service_search_key (text, id_number)
SELECT * FROM unnest(%s::text[], %s::text[])
ON CONFLICT DO NOTHING
"""
PAIR_IDS = """
SELECT k.id, k.text, k.id_number FROM service_search_key AS k
JOIN unnest(%s::text[], %s::text[]) AS p(text, id_number)
  ON k.text = p.text AND k.id_number = p.id_number
"""


def key_ids(cursor: Any, texts: list[str], id_numbers: list[str | None]) -> list[int]:
    """The key of each (search text, recipient ID) row, added when missing, as
    link_pending would give it (a psycopg cursor inside the writing transaction)."""
    pairs = [(t, n if n is not None else "") for t, n in zip(texts, id_numbers, strict=True)]
    distinct = list(dict.fromkeys(pairs))
    columns = ([t for t, _ in distinct], [n for _, n in distinct])
    cursor.execute(ADD_PAIRS, columns)
    cursor.execute(PAIR_IDS, columns)
    found = {(t, n): int(i) for i, t, n in cursor.fetchall()}
    return [found[pair] for pair in pairs]


def mismatched(connection: Any) -> int:
    return int(connection.execute(text(MISMATCHED)).scalar_one())
