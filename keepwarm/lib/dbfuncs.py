"""Small SQL functions the ORM lacks, written once for each database keepwarm runs on.

They let a query filter and order by a computed age in the database and return ten rows, instead of returning
thousands of rows for Python to convert, compare and sort.
"""

import datetime as dt

from django.db.models import Func, IntegerField, Value
from django.db.models.fields import DateTimeField


class WholeDaysSince(Func):
    """Whole days from `earlier` (a datetime expression) to `now` (an aware datetime), rounded down, like
    `(now - earlier).days` in Python."""

    output_field = IntegerField()

    def __init__(self, earlier, now: dt.datetime):
        super().__init__(Value(now, output_field=DateTimeField()), earlier)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps datetimes as UTC text; julianday() reads it as days since an epoch. CAST truncates toward
        # zero, which is Python's floor for the ages this is used for (not negative: nothing happened later).
        return self.as_sql(compiler, connection,
                           template="CAST(julianday(%(expressions)s) AS INTEGER)",
                           arg_joiner=") - julianday(", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        # The difference of two timestamps is an interval of days and time (never months): floor of its seconds.
        return self.as_sql(compiler, connection,
                           template="floor(extract(epoch from (%(expressions)s)) / 86400)::integer",
                           arg_joiner=" - ", **extra)
