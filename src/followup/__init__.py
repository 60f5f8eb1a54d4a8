"""followup: plan, write and track the follow-ups after every job interview."""

__version__ = "0.1.0"
