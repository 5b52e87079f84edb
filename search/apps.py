from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Directory search")

    def ready(self):
        from core.models import Place, Region
        from search import reference
        from search.models import SynonymGroup

        # Query understanding reads place names (with their region) and synonym groups.
        reference.watch(Place, Region, SynonymGroup)
