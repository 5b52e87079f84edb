from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Directory search")

    def ready(self):
        from django.db.models.signals import m2m_changed

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


def _meanings_changed(sender, action, **kwargs):
    from search import reference

    if action.startswith("post_"):
        reference.forget()
