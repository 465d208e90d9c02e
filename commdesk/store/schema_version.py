"""The Alembic head this program expects; start-up compares it without Alembic.

A test checks that it equals the head of ``store/migrations/versions``.
"""

HEAD_REVISION = "0012"
