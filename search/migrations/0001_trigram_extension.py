from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Fuzzy matching on PostgreSQL needs pg_trgm; test databases are built from migrations.

    On other databases the operation does nothing.
    """

    dependencies = []

    operations = [TrigramExtension()]
