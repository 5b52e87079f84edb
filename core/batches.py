"""Reading a large table a batch at a time."""


def in_key_order(queryset, *fields, size=2000):
    """The rows of `queryset` as named tuples (`pk` and `fields`), in primary-key order,
    read `size` at a time. Each batch is a short query of its own, not a server-side cursor
    held open for the whole read: a cursor's plan is chosen once, for the first rows (on
    tables just loaded, before their statistics, that plan read 2,000 rows in 8 seconds)."""
    queryset = queryset.order_by("pk")
    last = None
    while True:
        batch = queryset if last is None else queryset.filter(pk__gt=last)
        rows = list(batch.values_list("pk", *fields, named=True)[:size])
        yield from rows
        if len(rows) < size:
            return
        last = rows[-1].pk
