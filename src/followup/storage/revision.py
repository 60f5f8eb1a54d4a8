"""The schema revision this code expects; kept apart so reading it imports nothing heavy."""

# Bumped with every Alembic revision; a database at another revision is migrated (SQLite) or
# refused with a hint (PostgreSQL) before anything reads it.
SCHEMA_HEAD = "0007"
