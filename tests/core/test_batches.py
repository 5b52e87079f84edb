from django.contrib.auth.models import Group

import pytest

from core.batches import in_key_order

pytestmark = pytest.mark.django_db


def test_every_row_is_read_once_in_key_order_across_batches():
    Group.objects.all().delete()
    groups = [Group.objects.create(name=f"Group {number:02d}") for number in range(7)]
    Group.objects.filter(name="Group 03").delete()

    rows = list(in_key_order(Group.objects.exclude(name="Group 05"), "name", size=2))

    expected = [group.pk for group in groups if group.name not in ("Group 03", "Group 05")]
    assert [row.pk for row in rows] == expected
    assert rows[0].name == "Group 00"


def test_an_empty_table_reads_nothing():
    Group.objects.all().delete()

    assert list(in_key_order(Group.objects.all(), "name", size=2)) == []
