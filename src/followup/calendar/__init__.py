"""Calendars: interview invitations read from .ics and .eml files, and the follow-up feed
written as iCalendar. Pure of storage: services/ combines this with the database."""
