from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from directory import index, organisation_index, signals  # noqa: F401
        from directory.browse.index_page import directory_page
        from directory.models import DirectoryIndexPage
        from directory.shortlist import signals as shortlist_signals  # noqa: F401

        # Wired here so the page model never imports the browse feature.
        DirectoryIndexPage.serve_view = staticmethod(directory_page)
