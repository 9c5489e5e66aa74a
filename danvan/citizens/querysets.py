"""Domain verbs for petitions, sessions and meetings: visible_to(user), open(), overdue(on=), due_soon()."""

from datetime import date, timedelta

from django.db import connections, models
from django.utils import timezone

from danvan.core.db import sqlite_writer_queue
from danvan.core.permissions import in_scope, sees_everything
from danvan.core.text import fold

from .choices import ItemStatus


class NotIndexed(models.Func):
    """`+column` on SQLite: keeps a WHERE term from choosing the index (the documented way to steer the
    planner, sqlite.org/optoverview.html §"Disqualifying WHERE clause terms using unary-+"); the plain
    column elsewhere."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


class PetitionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PetitionQuerySet":
        """Scoped users see petitions received by, or routed to, their unit or its sub-units, and the
        petitions they were assigned to handle (the rule `citizens.view_petition`)."""
        scoped = in_scope(self, user, "received_path", "handling_path")
        if sees_everything(user) or not getattr(user, "is_authenticated", False):
            return scoped
        return scoped | self.filter(handler=user)

    def open(self) -> "PetitionQuerySet":
        return self.filter(pending=1)

    def overdue(self, on: date | None = None, *, in_list_order: bool = False) -> "PetitionQuerySet":
        """Open petitions whose current step is past its legal time limit.

        in_list_order: when most rows match, read them in the list's order (received_on) instead of
        through the time-limit index (see PetitionListView.paginate_queryset)."""
        on = on or timezone.localdate()
        return self.open()._due_filter(in_list_order, lt=on)

    past_legal_deadline = overdue

    def due_soon(
        self, on: date | None = None, days: int = 3, *, in_list_order: bool = False
    ) -> "PetitionQuerySet":
        on = on or timezone.localdate()
        return self.open()._due_filter(in_list_order, gte=on, lte=on + timedelta(days=days))

    def _due_filter(self, in_list_order: bool, **bounds) -> "PetitionQuerySet":
        if not in_list_order:
            return self.filter(**{f"current_due__{op}": value for op, value in bounds.items()})
        due = NotIndexed("current_due", output_field=models.DateField())
        return self.alias(_due=due).filter(**{f"_due__{op}": value for op, value in bounds.items()})

    def search(self, query: str) -> "PetitionQuerySet":
        """Tracking code, subject or the shown sender label, through the search index (search.py);
        a protected identity is never indexed, so never searched."""
        from .search import search_petitions

        return search_petitions(self, fold(query).split())


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SessionQuerySet":
        return in_scope(self, user, "unit__path")


class MeetingItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MeetingItemQuerySet":
        return in_scope(self, user, "meeting__unit__path", "responsible_body__path")

    def open(self) -> "MeetingItemQuerySet":
        return self.filter(status__in=ItemStatus.open_values())

    def overdue(self, on: date | None = None) -> "MeetingItemQuerySet":
        on = on or timezone.localdate()
        return self.open().filter(due_on__lt=on)


class IntakeQuerySet(models.QuerySet):
    def insert_within_quota(self, intake, *, since, limit: int) -> bool:
        """INSERT `intake` unless its address already sent `limit` intakes after `since`; True (and
        `intake.pk` set) when the row was written. Check and write are one statement: no submission
        slips in between, and the portal's most frequent request pays one database round trip
        instead of two (a query built by the ORM costs more than the submission's other work).

        Columns left NULL are not named: PostgreSQL would take an untyped NULL in INSERT … SELECT
        for text."""
        connection = connections[self.db]
        quote = connection.ops.quote_name
        meta = self.model._meta
        prepared = (
            (quote(field.column), field.get_db_prep_save(field.pre_save(intake, True), connection))
            for field in meta.concrete_fields
            if not field.primary_key
        )
        row = {column: value for column, value in prepared if value is not None}
        table, pk = quote(meta.db_table), quote(meta.pk.column)
        address, received = (quote(meta.get_field(name).column) for name in ("address_hash", "received_at"))
        recent = f"SELECT 1 FROM {table} WHERE {address} = %s AND {received} > %s LIMIT {int(limit)}"
        sql = (
            f"INSERT INTO {table} ({', '.join(row)}) SELECT {', '.join(['%s'] * len(row))} "
            f"WHERE (SELECT COUNT(*) FROM ({recent}) AS recent) < {int(limit)} RETURNING {pk}"
        )
        since = meta.get_field("received_at").get_db_prep_value(since, connection)
        with sqlite_writer_queue(connection), connection.cursor() as cursor:
            cursor.execute(sql, [*row.values(), intake.address_hash, since])
            written = cursor.fetchone()
        if written is None:
            return False
        intake.pk, intake._state.adding = written[0], False
        return True
