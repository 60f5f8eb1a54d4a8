"""Storage: SQLAlchemy tables, Alembic migrations, and the Store that speaks core facts."""
