"""Every limit on what a user may enter, in one table.

The input models (inputs/), the database columns (storage/tables.py) and the backup import all
take their numbers from here, so a value that passes validation always fits the database.
Lengths count characters.
"""

from __future__ import annotations

from datetime import date

# -- text lengths ---------------------------------------------------------------------------
NAME = 200  # a person's full name, the candidate's too
TITLE = 200  # a person's job title
SALUTATION = 100  # "Ms. Chen", "Dr. Lindqvist"
EMAIL = 320  # the columns' width (RFC 3696: 64 before the @, 255 after)
EMAIL_ADDRESS = 254  # what an address may be (RFC 5321's path; email-validator's limit)
PHONE = 50
ADDRESS = 2000  # a postal address, several lines
COMPANY = 200
ROLE = 200
ITEM = 2000  # each thing discussed, liked, or forgotten, each other company
REPLY_NOTE = 2000  # what the company said, in a few words
NOTE_TEXT = 100 * 1024  # a kept or sent note (a thank-you, a letter, a call sheet)
TIMEZONE = 64  # an IANA zone name
COUNTRY = 2  # an ISO 3166 alpha-2 code
ENGLISH = 10  # the name of an English: american ... australian
SCENARIO_ID = 200  # an id in a scenario file ("onsite", "aisha")
ACTION_ID = 100  # thank_you:<interview>:<person> with stored (numeric) ids
SCENARIO_ACTION_ID = 2 * SCENARIO_ID + len("thank_you::")  # the same with a scenario's ids
# The longest run without a space the proofreader reads as a word: the spell checker's memory
# grows with the square of a word's length (a pasted 100 KB run asks Harper for 31 GB and
# aborts the process), and no word of a letter comes near. Longer runs are left unchecked.
WORD = 200
CHANGE_SUMMARY = 300  # "Marked the thank-you to Raj Patel as sent", shown beside Undo

# -- request bodies (the web app) -----------------------------------------------------------
REQUEST_BYTES = 1024 * 1024  # a form or an API body: the largest, an interview's notes, is far less
BACKUP_BYTES = 64 * 1024 * 1024  # a backup uploaded to the web app (the CLI reads larger ones)

# -- counts ---------------------------------------------------------------------------------
PEOPLE_PER_INTERVIEW = 50
ITEMS_PER_LIST = 50  # discussed, liked, forgot to mention
INTERVIEWS_PER_SCENARIO = 200
EVENTS_PER_SCENARIO = 2000  # sent follow-ups, replies
OTHER_COMPANIES = 2000

# -- numbers --------------------------------------------------------------------------------
WAIT_DAYS = (1, 90)  # default_wait_days, inclusive
# checkin_limit, inclusive: past a dozen unanswered check-ins a follow-up has become pestering.
CHECKIN_LIMIT = (1, 12)

# -- undo -----------------------------------------------------------------------------------
# A change (a note marked sent, a reply, a skip, a close, a delete) can be undone this long
# after it was made: long enough to notice a slip, short enough that undo means "that click".
UNDO_SECONDS = 60

# -- dates and times ------------------------------------------------------------------------
# Every date and time a user gives lies in these years: far enough for any job search, near
# enough that date arithmetic (a check-in 90 days on) never leaves what Python can hold.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
DATE_RANGE_WORDS = "between 1900-01-01 and 2100-12-31"

# -- calendars ------------------------------------------------------------------------------
# An invitation is a few kilobytes and an .eml carrying one rarely passes a megabyte; a whole
# calendar export or subscribed feed of a busy year stays under this. A 10 MB file is refused.
CALENDAR_BYTES = 5 * 1024 * 1024
CALENDAR_UID = 1000  # RFC 5545 sets no length; Exchange's are ~130 characters
SUMMARY = 500  # an event's title, as shown in proposals
ALIASES = 20  # other email addresses of the candidate
FEED_URL = 2000  # a subscribed calendar's secret address

# -- mail -----------------------------------------------------------------------------------
HOST = 253  # a server's DNS name (RFC 1035)
MESSAGE_ID = 998  # RFC 5322's line limit bounds a Message-ID
SUBJECT = 2000  # a subject as stored (longer ones are cut when read)
FOLDER = 500  # an IMAP folder's name
FILE_PATH = 4096  # where the user keeps a password or client secret (Linux's PATH_MAX)
OAUTH_CLIENT_ID = 200
OAUTH_ENDPOINT = 500
IDEMPOTENCY_KEY = 120  # "action:<action id>" or "digest:<date>"
MAIL_ERROR = 2000  # why a send failed, why a message matched
# A note is at most NOTE_TEXT; the digest of thousands of applications is the longest text
# followup mails, and its encoded form is what the outbox keeps.
MAIL_TEXT = 8 * 1024 * 1024
