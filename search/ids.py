"""A condition on a column being one of many ids, sent as one parameter.

`pk__in=[...]` sends one parameter per id; at tens of thousands of ids that is slow to build
and parse, and past SQLite's limit on parameters. PostgreSQL takes an array (`= ANY(%s)`,
hashed by the executor), SQLite a JSON list read with `json_each`.
"""

import json

from django.db.models import BooleanField, F, Func


class AmongIds(Func):
    conditional = True
    output_field = BooleanField()

    def __init__(self, field, ids):
        super().__init__(F(field) if isinstance(field, str) else field)
        self.ids = [int(pk) for pk in ids]

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            # One string, cast by the server: adapting a list element by element is slow.
            literal = "{" + ",".join(map(str, self.ids)) + "}"
            return f"{column} = ANY(%s::integer[])", [*params, literal]
        if connection.vendor == "sqlite":
            return f"{column} IN (SELECT value FROM json_each(%s))", [
                *params,
                json.dumps(self.ids),
            ]
        if not self.ids:
            return "1 = 0", params
        placeholders = ", ".join(["%s"] * len(self.ids))
        return f"{column} IN ({placeholders})", [*params, *self.ids]
