"""Reading and writing the mail tables: the account, the outbox, drafts, watermarks, inbound.

Used by services/mail*.py as `MailQueries(repo.conn)` inside the Repo's transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from followup.storage.mail_tables import inbound, mail_accounts, mail_drafts, mail_seen, outbox
from followup.storage.queries import Queries
from followup.storage.tables import follow_ups, people


class MailQueries(Queries):
    # -- the account ---------------------------------------------------------------------
    def account_row(self, *, profile_id: int) -> dict[str, Any] | None:
        row = self.conn.execute(
            select(mail_accounts).where(mail_accounts.c.profile_id == profile_id)
        ).one_or_none()
        return None if row is None else dict(row._mapping)

    def save_account(self, *, profile_id: int, values: dict[str, Any], now: datetime) -> None:
        kept = self.account_row(profile_id=profile_id)
        row = dict(values, updated_at=now)
        mailbox = ("imap_host", "imap_port", "username")
        if kept is not None and any(str(kept[k]).lower() != str(row[k]).lower() for k in mailbox):
            # another mailbox: what was read of the old one says nothing of it (two mailboxes
            # on one server may share a UIDVALIDITY, and its messages would be passed over)
            self.conn.execute(delete(mail_seen).where(mail_seen.c.profile_id == profile_id))
        if kept is None:
            self.conn.execute(insert(mail_accounts).values(profile_id=profile_id, **row))
        else:
            self.conn.execute(
                update(mail_accounts).where(mail_accounts.c.profile_id == profile_id).values(**row)
            )

    def remove_account(self, *, profile_id: int) -> None:
        """The account and what was read of its mailbox go; the outbox's history stays."""
        self.conn.execute(delete(mail_seen).where(mail_seen.c.profile_id == profile_id))
        self.conn.execute(delete(mail_accounts).where(mail_accounts.c.profile_id == profile_id))

    def set_account_fields(self, *, profile_id: int, **values: Any) -> None:
        self.conn.execute(
            update(mail_accounts).where(mail_accounts.c.profile_id == profile_id).values(**values)
        )

    # -- the outbox ----------------------------------------------------------------------
    def outbox_by_key(self, *, profile_id: int, key: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            select(outbox).where(outbox.c.profile_id == profile_id, outbox.c.idempotency_key == key)
        ).one_or_none()
        return None if row is None else dict(row._mapping)

    def outbox_entry(self, *, entry_id: int) -> dict[str, Any]:
        return dict(self.conn.execute(select(outbox).where(outbox.c.id == entry_id)).one()._mapping)

    def add_outbox(self, **values: Any) -> int:
        return int(
            self.conn.execute(insert(outbox).values(**values).returning(outbox.c.id)).scalar_one()
        )

    def update_outbox(self, *, entry_id: int, **values: Any) -> None:
        self.conn.execute(update(outbox).where(outbox.c.id == entry_id).values(**values))

    def claim_outbox(self, *, entry_id: int, from_states: tuple[str, ...], **values: Any) -> bool:
        """Move an entry on only if it is still in one of `from_states` (no double claim)."""
        done = self.conn.execute(
            update(outbox)
            .where(outbox.c.id == entry_id, outbox.c.state.in_(from_states))
            .values(**values)
        )
        return bool(done.rowcount)

    def outbox_entries(self, *, profile_id: int) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            select(outbox).where(outbox.c.profile_id == profile_id).order_by(outbox.c.id)
        ).all()
        return [dict(r._mapping) for r in rows]

    def thread_root(self, *, application_id: int, person_id: int) -> dict[str, Any] | None:
        """The emailed thank-you sent to this person (the latest), for a check-in's thread."""
        row = self.conn.execute(
            select(outbox)
            .where(
                outbox.c.application_id == application_id,
                outbox.c.action_id.like(f"thank_you:%:{person_id}"),
                outbox.c.state == "sent",
            )
            .order_by(outbox.c.sent_at.desc())
            .limit(1)
        ).one_or_none()
        return None if row is None else dict(row._mapping)

    def our_message_ids(self, *, profile_id: int) -> dict[str, tuple[int, int]]:
        """Message-ID -> (application, person) of every follow-up followup sent."""
        rows = self.conn.execute(
            select(outbox.c.message_id, outbox.c.application_id, outbox.c.action_id).where(
                outbox.c.profile_id == profile_id,
                outbox.c.purpose == "follow_up",
                outbox.c.state.in_(("sent", "sending")),
            )
        ).all()
        return {
            r.message_id: (r.application_id, int(r.action_id.rsplit(":", 1)[1]))
            if r.action_id.startswith("thank_you")
            else (r.application_id, int(r.action_id.split(":")[1]))
            for r in rows
        }

    def outbox_by_message_ids(self, *, profile_id: int, ids: tuple[str, ...]) -> list[int]:
        if not ids:
            return []
        return list(
            self.conn.execute(
                select(outbox.c.id).where(
                    outbox.c.profile_id == profile_id, outbox.c.message_id.in_(ids)
                )
            ).scalars()
        )

    def follow_up_exists(
        self, *, application_id: int, kind: str, person_id: int, **where: Any
    ) -> bool:
        query = (
            select(func.count())
            .select_from(follow_ups)
            .where(
                follow_ups.c.application_id == application_id,
                follow_ups.c.kind == kind,
                follow_ups.c.person_id == person_id,
            )
        )
        if where.get("interview_id") is not None:
            query = query.where(follow_ups.c.interview_id == where["interview_id"])
        return bool(self.conn.execute(query).scalar_one())

    # -- drafts --------------------------------------------------------------------------
    def draft(self, *, application_id: int, action_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            select(mail_drafts).where(
                mail_drafts.c.application_id == application_id,
                mail_drafts.c.action_id == action_id,
            )
        ).one_or_none()
        return None if row is None else dict(row._mapping)

    def save_draft(
        self, *, application_id: int, action_id: str, message_id: str, folder: str, now: datetime
    ) -> None:
        self.conn.execute(
            delete(mail_drafts).where(
                mail_drafts.c.application_id == application_id,
                mail_drafts.c.action_id == action_id,
            )
        )
        self.conn.execute(
            insert(mail_drafts).values(
                application_id=application_id,
                action_id=action_id,
                message_id=message_id,
                folder=folder,
                saved_at=now,
            )
        )

    # -- watermarks ----------------------------------------------------------------------
    def watermarks(self, *, profile_id: int) -> dict[str, tuple[int, int]]:
        rows = self.conn.execute(select(mail_seen).where(mail_seen.c.profile_id == profile_id))
        return {r.folder: (int(r.uidvalidity), int(r.uidnext)) for r in rows}

    def set_watermark(
        self, *, profile_id: int, folder: str, uidvalidity: int, uidnext: int, now: datetime
    ) -> None:
        self.conn.execute(
            delete(mail_seen).where(
                mail_seen.c.profile_id == profile_id, mail_seen.c.folder == folder
            )
        )
        self.conn.execute(
            insert(mail_seen).values(
                profile_id=profile_id,
                folder=folder,
                uidvalidity=uidvalidity,
                uidnext=uidnext,
                synced_at=now,
            )
        )

    # -- inbound -------------------------------------------------------------------------
    def known_message_keys(self, *, profile_id: int, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found.update(
                self.conn.execute(
                    select(inbound.c.message_key).where(
                        inbound.c.profile_id == profile_id, inbound.c.message_key.in_(chunk)
                    )
                ).scalars()
            )
        return found

    def add_inbound(self, **values: Any) -> int | None:
        """Insert one inbound row; None when that message is already there (a second sync)."""
        nested = self.conn.begin_nested()
        try:
            new_id = self.conn.execute(
                insert(inbound).values(**values).returning(inbound.c.id)
            ).scalar_one()
        except IntegrityError:
            nested.rollback()
            return None
        nested.commit()
        return int(new_id)

    def inbound_rows(self, *, profile_id: int, **where: Any) -> list[dict[str, Any]]:
        query = select(inbound).where(inbound.c.profile_id == profile_id)
        for name, value in where.items():
            query = query.where(inbound.c[name] == value)
        return [dict(r._mapping) for r in self.conn.execute(query.order_by(inbound.c.id))]

    def update_inbound(self, *, inbound_id: int, **values: Any) -> None:
        self.conn.execute(update(inbound).where(inbound.c.id == inbound_id).values(**values))

    def people_emails(self) -> list[tuple[int, int, str | None]]:
        """(application, person, email) of every person."""
        rows = self.conn.execute(select(people.c.application_id, people.c.id, people.c.email))
        return [(r.application_id, r.id, r.email) for r in rows]
