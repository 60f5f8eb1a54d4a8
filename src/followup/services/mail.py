"""Use cases of mail: set the account up and test it, compose a follow-up's message, save it to
Drafts, list the outbox, and the .eml download. Sending through the outbox is in sending.py,
reading replies in mailsync.py, the digest in digest.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import ConflictError, InvalidInputError
from followup.mail.account import (
    CLI_WORDS,
    Account,
    account_from_dict,
    account_to_dict,
    check_account,
    presets,
)
from followup.mail.errors import KeyringUnavailableError, MailError, NoAccountError
from followup.mail.message import (
    DEFAULT_SUBJECT,
    Outgoing,
    build_message,
    message_bytes,
    new_message_id,
    reply_subject,
    split_note,
)
from followup.mail.secrets import KEYRING_SERVICE, keyring_check
from followup.mail.smtp import Login
from followup.private import read_secret_file

# What the faces (cli/, web/) take from the mail package, through this service: they never
# import followup.mail themselves (the contracts in pyproject.toml hold them to it).
FACES = (Account, presets, keyring_check, MailError, KeyringUnavailableError)

if TYPE_CHECKING:
    from followup.services.followup import Followup
    from followup.storage.mail import MailQueries
    from followup.storage.store import Repo


def mail_queries(repo: Repo) -> MailQueries:
    from followup.storage.mail import MailQueries

    return MailQueries(repo.conn)


def profile_id(repo: Repo) -> int:
    pid = repo.profile_id()
    if pid is None:
        raise ConflictError("no profile yet; run `followup setup` first")
    return pid


def load_account(repo: Repo) -> tuple[int, Account]:
    pid = profile_id(repo)
    row = mail_queries(repo).account_row(profile_id=pid)
    if row is None:
        raise NoAccountError()
    return pid, account_from_dict(row)


# -- the account ----------------------------------------------------------------------------
@dataclass(frozen=True)
class SetupResult:
    account: Account
    kept_in: str  # "keyring (SecretService)" or the password file


def setup_problems(
    options: dict[str, Any], words: Mapping[str, str] = CLI_WORDS
) -> tuple[Account | None, list[InvalidInputError]]:
    """The account `mail setup`'s options describe and every problem of them, each option
    checked on its own: the files named are read now (a password file others can read is
    refused here, not at the first send). `words`: how the face names its inputs."""
    account, problems = check_account(**options, words=words)
    for where, path in (
        ("--password-file", options.get("password_file")),
        ("--client-secret-file", options.get("client_secret_file")),
    ):
        if path and not any(p.where == where for p in problems):
            try:
                read_secret_file(path, where)
            except InvalidInputError as exc:
                problems.append(exc)
    return (None if problems else account), problems


def checked_account(options: dict[str, Any]) -> Account:
    """The account `mail setup`'s options describe; its first problem raised."""
    account, problems = setup_problems(options)
    if problems:
        raise problems[0]
    assert account is not None
    return account


def setup_account(service: Followup, *, secret: str | None = None, **options: Any) -> SetupResult:
    """Check and keep the account; a password goes to the keyring only when no file is named
    (`secret`), an OAuth sign-in's refresh token always does."""
    from followup.mail import secrets

    account = checked_account(options)
    kept_in = f"the file {account.password_file}"  # read by the check: refused now if loose
    if secret is not None and not account.password_file:
        secrets.store_secret(account.secret_key, secret)
        kept_in = f"the keyring ({secrets.keyring_check()})"
    with service.store.transaction() as repo:
        pid = profile_id(repo)
        mail_queries(repo).save_account(
            profile_id=pid, values=account_to_dict(account), now=service.clock()
        )
        repo.bump_revision()  # pages offering Send and Check mail are made again
    return SetupResult(account, kept_in)


@dataclass(frozen=True)
class AccountSettings:
    account: Account
    digest_time: str | None  # "08:00", or None: no daily digest
    saved_at: datetime  # when the account was last set up (a problem older is about another)


def account_settings(service: Followup) -> AccountSettings | None:
    """The account, its daily digest time and when it was saved; None when none is set up (or
    no profile)."""
    with service.store.transaction() as repo:
        pid = repo.profile_id()
        row = None if pid is None else mail_queries(repo).account_row(profile_id=pid)
    if row is None:
        return None
    return AccountSettings(account_from_dict(row), row.get("digest_time"), row["updated_at"])


@dataclass(frozen=True)
class Removed:
    account: Account
    secret_left: bool  # the keyring refused to forget it: the user removes it by hand

    def words(self) -> str:
        """What was removed, and what is the user's to remove."""
        said = f"Removed the mail account {self.account.address}; the outbox keeps what was sent."
        if self.account.password_file:
            said += f" The password file {self.account.password_file} is yours to delete."
        if self.secret_left:
            said += (
                " Your keyring would not forget its secret: remove the entry of service "
                f"'{KEYRING_SERVICE}' for {self.account.address} with your keyring's own tool."
            )
        return said


def remove_account(service: Followup) -> Removed:
    """Forget the mail account: its row, where its mailbox was read up to, and its secrets in
    the keyring (a password file is the user's own: it stays). The outbox keeps its history."""
    from followup.mail import secrets

    with service.store.transaction() as repo:
        pid, account = load_account(repo)
        mail_queries(repo).remove_account(profile_id=pid)
        repo.bump_revision()  # pages offering Send and Check mail are made again
    # one kept before a change of sign-in goes as well
    forgotten = [secrets.forget_secret(key) for key in account.secret_keys]
    return Removed(account, secret_left=not all(forgotten))


def authorize_oauth(service: Followup, options: dict[str, Any], *, browser: bool, say: Any) -> str:
    """Sign in with the user's own OAuth client and keep the refresh token in the keyring."""
    from followup.mail import oauth, secrets

    secrets.keyring_check()  # before the user signs in, not after
    client_secret = None
    if options.get("client_secret_file"):
        client_secret = read_secret_file(options["client_secret_file"], "--client-secret-file")
    return oauth.authorize(
        options["oauth"],
        options["client_id"],
        client_secret,
        endpoint=options.get("oauth_endpoint"),
        browser=browser,
        say=say,
    )


def login_for(account: Account) -> Login:
    """The credentials for both servers: the password (file or keyring), or a fresh OAuth
    access token from the refresh token in the keyring (a rotated one is kept)."""
    from followup.mail import oauth, secrets

    if account.auth == "password":
        if account.password_file:
            return Login(account.username, password=read_secret_file(account.password_file))
        return Login(account.username, password=secrets.load_secret(account.secret_key))
    refresh = secrets.load_secret(account.secret_key)
    client_secret = (
        read_secret_file(account.client_secret_file, "--client-secret-file")
        if account.client_secret_file
        else None
    )
    assert account.oauth_provider and account.client_id
    token, rotated = oauth.access_token(
        account.oauth_provider,
        account.client_id,
        client_secret,
        refresh,
        endpoint=account.oauth_endpoint,
    )
    if rotated:
        secrets.store_secret(account.secret_key, rotated)
    return Login(account.username, access_token=token)


@dataclass(frozen=True)
class TestResult:
    address: str
    smtp: str
    imap: str
    drafts: str | None
    sent: str | None
    archive: str | None
    smtp_problem: str | None = None  # why sending failed; None: signed in
    imap_problem: str | None = None  # why reading failed; None: signed in, folders found

    @property
    def ok(self) -> bool:
        return self.smtp_problem is None and self.imap_problem is None

    def failure(self) -> MailError:
        """What failed (and what worked), as one error."""
        worked = (
            [f"SMTP {self.smtp} signed in"] if self.smtp_problem is None else [self.smtp_problem]
        )
        worked.append(
            f"IMAP {self.imap} signed in" if self.imap_problem is None else self.imap_problem
        )
        return MailError("; ".join(part.rstrip(".") for part in worked))


def test_account(service: Followup) -> TestResult:
    """Sign in to each server, both tried whatever the other does; name the Drafts, Sent and
    archive folders (SPECIAL-USE)."""
    from followup.mail.imap import DRAFTS, SENT, open_mailbox
    from followup.mail.smtp import check_smtp

    with service.store.transaction() as repo:
        _, account = load_account(repo)
    login = login_for(account)
    smtp_problem = imap_problem = None
    folders = None
    try:
        check_smtp(account.smtp, login)
    except MailError as exc:
        smtp_problem = exc.message
    try:
        with open_mailbox(account.imap, login) as box:
            folders = box.folders()
            box.require(DRAFTS)
            box.require(SENT)
    except MailError as exc:
        imap_problem = exc.message
    return TestResult(
        account.address,
        str(account.smtp),
        str(account.imap),
        folders.drafts if folders else None,
        folders.sent if folders else None,
        folders.archive if folders else None,
        smtp_problem,
        imap_problem,
    )


# -- composing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Prepared:
    application_id: int
    action_id: str
    to_address: str
    to_name: str
    subject: str
    body: str
    in_reply_to: str | None
    kind: str
    interview: str | None
    contact: str


def prepare(service: Followup, action_id: str, text: str | None = None) -> tuple[Prepared, Any]:
    """What an action's email says (the given text, else the kept note, else the draft), to
    whom, in which thread; with its proofreading report."""
    from followup.services import writing

    target = writing.stored_target(service, action_id)
    with service.store.transaction() as repo:
        kept = repo.kept_notes(application_id=target.application_id)  # type: ignore[arg-type]
    kept_note = kept.get(target.action.id)
    method = kept_note[0] if kept_note else target.action.method
    if text is None and kept_note is not None and method != "email":
        raise InvalidInputError(
            "ACTION",
            f"the note kept for {target.action.id} is a {method} note; write it as an email "
            f"first: followup write {target.action.id} --method email",
        )
    if text is None:
        text = (
            kept_note[1]
            if kept_note
            else writing.draft(writing.stored_target(service, action_id, "email")).draft.text
        )
    person = target.facts.person(target.contact)
    if person is None or not person.email:
        name = person.name if person else f"person {target.contact}"
        raise InvalidInputError(
            "ACTION",
            f"{name} has no email address; add one with `followup person edit "
            f"{target.contact} --email ADDRESS`",
        )
    report = writing.check(target, text)
    subject, body = split_note(text)
    in_reply_to = None
    assert target.application_id is not None
    if target.kind == "check_in":
        with service.store.transaction() as repo:
            root = mail_queries(repo).thread_root(
                application_id=target.application_id, person_id=int(target.contact)
            )
        if root is not None:
            in_reply_to = root["message_id"]
            subject = reply_subject(root["subject"])
    prepared = Prepared(
        application_id=target.application_id,
        action_id=target.action.id,
        to_address=person.email,
        to_name=person.name,
        subject=subject or DEFAULT_SUBJECT,
        body=body,
        in_reply_to=in_reply_to,
        kind=target.kind,
        interview=target.action.interview,
        contact=target.contact,
    )
    return prepared, report


def outgoing(
    prepared: Prepared, from_address: str, from_name: str, message_id: str, at: datetime
) -> Outgoing:
    return Outgoing(
        from_address=from_address,
        from_name=from_name,
        to_address=prepared.to_address,
        to_name=prepared.to_name,
        subject=prepared.subject,
        body=prepared.body,
        message_id=message_id,
        date=at,
        in_reply_to=prepared.in_reply_to,
        references=(prepared.in_reply_to,) if prepared.in_reply_to else (),
    )


def eml_for(service: Followup, action_id: str, text: str) -> tuple[bytes, str]:
    """The note as an .eml file to open in a mail program (X-Unsent), and its file name; the
    same builder as sending, so threading and headers match."""
    from followup.core.ids import ActionId
    from followup.inputs.parse import check_note_text

    text = check_note_text(text, "the note")
    prepared, _ = prepare(service, action_id, text)
    with service.store.transaction() as repo:
        candidate = repo.candidate(profile_id=profile_id(repo))
        row = mail_queries(repo).account_row(profile_id=profile_id(repo))
    address = row["address"] if row else candidate.email
    if not address:
        raise InvalidInputError("email", "your profile has no email address; add it in Settings")
    message = build_message(
        outgoing(prepared, address, candidate.full_name, new_message_id(address), service.clock()),
        unsent=True,
    )
    return message_bytes(message), f"{ActionId.parse(action_id, stored=True).slug}.eml"


# -- drafts and the outbox ------------------------------------------------------------------
@dataclass(frozen=True)
class DraftResult:
    action: str
    message_id: str
    folder: str
    replaced: bool
    to: str
    subject: str


def save_draft(service: Followup, action_id: str) -> DraftResult:
    """APPEND the note to the \\Drafts folder; a draft saved earlier for the action is replaced."""
    from followup.mail.imap import open_mailbox

    now = service.clock()
    with service.store.transaction() as repo:
        _, account = load_account(repo)
        candidate = repo.candidate(profile_id=profile_id(repo))
    prepared, _ = prepare(service, action_id)
    with service.store.transaction() as repo:
        earlier = mail_queries(repo).draft(
            application_id=prepared.application_id, action_id=prepared.action_id
        )
    message_id = new_message_id(account.address)
    message = build_message(
        outgoing(prepared, account.address, candidate.full_name, message_id, now)
    )
    with open_mailbox(account.imap, login_for(account)) as box:
        folder = box.append_draft(
            message_bytes(message), now, replaces=earlier["message_id"] if earlier else None
        )
    with service.store.transaction() as repo:
        mail_queries(repo).save_draft(
            application_id=prepared.application_id,
            action_id=prepared.action_id,
            message_id=message_id,
            folder=folder,
            now=now,
        )
    return DraftResult(
        prepared.action_id,
        message_id,
        folder,
        earlier is not None,
        prepared.to_address,
        str(message["Subject"]),
    )


def outbox_list(service: Followup) -> list[dict[str, Any]]:
    """Every send attempt and its state, oldest first."""
    with service.store.transaction() as repo:
        pid = profile_id(repo)
        rows = mail_queries(repo).outbox_entries(profile_id=pid)
    keys = (
        "id",
        "action_id",
        "purpose",
        "message_id",
        "state",
        "to_address",
        "subject",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    )
    return [{k: row[k] for k in keys} for row in rows]
