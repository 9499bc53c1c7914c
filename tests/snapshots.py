"""Content loaded once per test process and written back in one go for each test that asks
for it (the `demo` fixture): loading the demo through its services takes seconds, writing
its rows back a fraction of one.

`take(load)` runs `load()` inside a transaction that is rolled back, on top of the content
the migrations made, and keeps what it changed: the rows it added or changed, the rows it
deleted, the files it stored. `Snapshot.restore()` writes those into the test's database
and media folder, on top of what the test has made so far. The rows it adds take ids from
ID_BASE up, so they never meet the ids of what a test made before asking for the demo.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction

# Ids of the snapshot's rows start here (auto-increment tables), far above what any test makes.
ID_BASE = 10_000_000
# Tables a PostgreSQL trigger keeps from others (`delegates.HeldSeats`, from the
# registrations): not kept in the snapshot, the trigger writes them again as it is restored.
KEPT_BY_TRIGGERS = {"delegates_heldseats"}


@dataclass
class _Table:
    name: str
    columns: list
    pk_index: int
    added: list = field(default_factory=list)
    removed: set = field(default_factory=set)


@dataclass
class Snapshot:
    tables: list
    files: dict
    result: object
    load: object

    def restore(self):
        """Write the snapshot's rows into the database (in one transaction: the foreign
        keys are checked when it commits) and its files into MEDIA_ROOT."""
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                if table.removed:
                    _delete(cursor, table)
            for table in self.tables:
                if table.added:
                    _insert(cursor, table)
            for statement in connection.ops.sequence_reset_sql(no_style(), _models()):
                cursor.execute(statement)
        media = Path(settings.MEDIA_ROOT)
        for relative, content in self.files.items():
            path = media / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return self.result


def _models():
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy]


def _tables():
    existing = set(connection.introspection.table_names())
    found = {}
    for model in _models():
        if model._meta.db_table in existing - KEPT_BY_TRIGGERS:
            found.setdefault(model._meta.db_table, model)
    return found


def _quote(name):
    return connection.ops.quote_name(name)


def _read(cursor, table, columns):
    """Every row of `table`: COPY lines on PostgreSQL (they write back exactly, whatever
    the column types), tuples on SQLite."""
    names = ", ".join(_quote(column) for column in columns)
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as raw, raw.copy(
                f"COPY {_quote(table)} ({names}) TO STDOUT") as copy:
            data = b"".join(bytes(block) for block in copy)
        return data.split(b"\n")[:-1]
    cursor.execute(f"SELECT {names} FROM {_quote(table)}")  # noqa: S608 - our own names
    return [tuple(row) for row in cursor.fetchall()]


def _pk_of(row, index):
    if isinstance(row, bytes):
        return row.split(b"\t")[index].decode()
    return row[index]


def _delete(cursor, table):
    pk = _quote(table.columns[table.pk_index])
    removed = sorted(table.removed, key=str)
    for start in range(0, len(removed), 500):
        chunk = removed[start:start + 500]
        cursor.execute(f"DELETE FROM {_quote(table.name)} WHERE {pk} IN "  # noqa: S608
                       f"({', '.join(['%s'] * len(chunk))})", chunk)


def _insert(cursor, table):
    names = ", ".join(_quote(column) for column in table.columns)
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as raw, raw.copy(
                f"COPY {_quote(table.name)} ({names}) FROM STDIN") as copy:
            copy.write(b"\n".join(table.added) + b"\n")
        return
    marks = ", ".join(["%s"] * len(table.columns))
    cursor.executemany(f"INSERT INTO {_quote(table.name)} ({names}) VALUES ({marks})",  # noqa: S608
                       table.added)


def _start_ids_at(cursor, tables, base):
    for table, model in tables.items():
        pk = model._meta.pk
        if not isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
            continue
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
                           [_quote(table), pk.column, base])
        else:
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                           [table, base - 1])


def _files():
    media = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(media)): path.read_bytes()
            for path in media.rglob("*") if path.is_file()}


def on_migrated_content(work):
    """Run `work(cursor)` on the content of a freshly migrated database, in a transaction
    that is then rolled back; return what it returns."""
    from django.contrib.contenttypes.models import ContentType

    migrated = migrated_content()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"DELETE FROM {_quote(table)}")  # noqa: S608 - our own names
        connection.creation.deserialize_db_from_string(migrated)
        result = work(cursor)
        transaction.set_rollback(True)
    # The content types cached while it ran may carry ids that were rolled back.
    ContentType.objects.clear_cache()
    return result


def take(load):
    """Run `load()` on the content of a freshly migrated database and keep what it did;
    the database is left as it was. `load`'s result is kept too (for `restore`): plain
    values, such as primary keys."""
    tables = _tables()

    def work(cursor):
        _start_ids_at(cursor, tables, ID_BASE)
        before = {}
        for table in tables:
            columns = [column.name for column in
                       connection.introspection.get_table_description(cursor, table)]
            before[table] = (columns, _read(cursor, table, columns))
        result = load()
        changed = []
        for table, model in tables.items():
            columns, old_rows = before[table]
            pk_index = columns.index(model._meta.pk.column)
            new_rows = _read(cursor, table, columns)
            old, new = set(old_rows), set(new_rows)
            entry = _Table(name=table, columns=columns, pk_index=pk_index,
                           added=[row for row in new_rows if row not in old],
                           removed={_pk_of(row, pk_index) for row in old_rows if row not in new})
            if entry.added or entry.removed:
                changed.append(entry)
        return Snapshot(tables=changed, files=_files(), result=result, load=load)

    return on_migrated_content(work)


def migrated_content():
    """The database's content as the migrations left it, serialized (Django keeps it when a
    test of the run asks for `serialized_rollback`; else it is read now, from a database
    that no test has changed yet)."""
    if not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    return connection._test_serialized_contents
