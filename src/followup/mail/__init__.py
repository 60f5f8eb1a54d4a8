"""Mail: messages (.eml, threading), the account and its secrets, SMTP, IMAP, inbound parsing
and reply matching. Imports nothing of storage or services; services/mail*.py combine them."""
