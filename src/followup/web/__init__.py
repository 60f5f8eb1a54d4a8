"""The web face: FastAPI routes, templates and static files over the services (app.py)."""
