from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Directory search")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_migrate

        from core.models import Place, PostcodeArea, Region
        from search import reference
        from search.models import SynonymGroup

        # Query understanding reads place names and postcode areas (with their region) and
        # synonym groups, including what their words mean (their terms, saved after them).
        reference.watch(Place, PostcodeArea, Region, SynonymGroup)
        for relation in ("categories", "client_groups", "stages", "led_by_and_for"):
            m2m_changed.connect(
                _meanings_changed,
                sender=getattr(SynonymGroup, relation).through,
                dispatch_uid=f"search-synonym-meanings-{relation}",
            )
        post_migrate.connect(_fill_the_search_table, sender=self)


def _meanings_changed(sender, action, **kwargs):
    from search import reference

    if action.startswith("post_"):
        reference.forget()


def _fill_the_search_table(sender, using, **kwargs):
    """After an upgrade adds the search table, the directory is searchable at once."""
    from django.db import connections

    from search import text_table

    if using == "default" and "search_textentry" in connections[using].introspection.table_names():
        text_table.fill_missing()
