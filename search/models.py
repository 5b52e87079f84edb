import json
import re

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Locale


def _default_locale_terms():
    return models.Q(locale=Locale.get_default())


def _meaning(model, verbose_name):
    return models.ManyToManyField(
        model,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
        limit_choices_to=_default_locale_terms,
    )


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to someone searching: expanded at query time.

    A group may also say what its words *mean* in the directory's vocabularies: "somewhere
    to live, a bed tonight, housing" means the Accommodation type of support. Typed, such a
    phrase is understood as that term (shown to the visitor, and matched against the
    service's terms rather than its wording). Editing a group changes searches at once;
    nothing needs reindexing.
    """

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Words or phrases that mean the same thing, separated by commas, e.g. "
            "“drugs, substance misuse, addiction, rehab”."
        ),
    )

    categories = _meaning("core.ServiceCategory", _("types of support"))
    client_groups = _meaning("core.ClientGroup", _("who it is for"))
    stages = _meaning("core.JusticeStage", _("stages of the justice system"))
    led_by_and_for = _meaning("core.LedByAndFor", _("led by and for"))

    panels = [
        FieldPanel("terms"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("client_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("led_by_and_for", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("What these words mean (optional)"),
            help_text=_(
                "Choose the terms these words stand for. Someone typing them then finds the "
                "services with any of those terms, and is shown what was understood. Leave "
                "empty for words that are only alternatives of each other."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    @property
    def term_list(self):
        return [term.strip().lower() for term in self.terms.split(",") if term.strip()]


class SearchLogQuerySet(models.QuerySet):
    def since(self, day):
        return self.filter(day__gte=day)

    def without_results(self):
        return self.filter(result_count=0)

    def with_filter(self, param, value):
        """Searches whose filters include `value` for `param` (region "london" among others).

        Matched in `filters_key`, the filters as canonical text (compact JSON, keys sorted,
        values sorted: `search.log.filters_key`), by a regular expression that SQLite and
        PostgreSQL both run: the parameter's list holds the value as a whole item. A key too
        long to keep as text is a digest: those few are matched in the JSON itself.
        """
        name = json.dumps(str(param), ensure_ascii=False)
        item = json.dumps(str(value), ensure_ascii=False)
        pattern = f"[{{,]{re.escape(name)}:\\[([^]]*,)?{re.escape(item)}[],]"
        hashed = models.Q(filters_key__startswith="sha256:") & models.Q(
            **{f"filters__{param}__icontains": item}
        )
        return self.filter(models.Q(filters_key__regex=pattern) | hashed)

    def totals(self):
        """One row per distinct search: how often it was made and the last day it was.

        Rows are dicts (index_name, query, filters_key, filters, times, last_seen), most
        frequent first.
        """
        return (
            self.values("index_name", "query", "filters_key", "filters")
            .annotate(times=models.Sum("count"), last_seen=models.Max("day"))
            .order_by("-times", "-last_seen", "query", "filters_key")
        )


class SearchLogEntry(models.Model):
    """How many times a search was made on one day, and how many results it found.

    A plain record with nothing personal in it: no user, session, address or time of day,
    only the London date. Identical searches on the same day share one row and add to its
    count. Written by `search.log.record_search`; deleted after `search.log.RETENTION_DAYS`
    by the `delete_old_search_logs` command.
    """

    index_name = models.CharField(_("index"), max_length=100)
    query = models.CharField(
        _("search text"),
        max_length=200,
        blank=True,
        help_text=_("Lower case, spaces collapsed; empty when only filters were chosen."),
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    # The filters as canonical text, so identical searches can share a row (a JSON column
    # cannot take part in a unique constraint on every database).
    filters_key = models.CharField(max_length=500, blank=True, editable=False)
    result_count = models.PositiveIntegerField(
        _("results"), help_text=_("The number of results the latest such search found.")
    )
    day = models.DateField(_("day"), help_text=_("The date in London; never a time."))
    count = models.PositiveIntegerField(_("times searched"), default=1)

    objects = SearchLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("search log entry")
        verbose_name_plural = _("search log entries")
        constraints = [
            models.UniqueConstraint(
                fields=["index_name", "query", "filters_key", "day"],
                name="search_log_one_row_per_search_and_day",
            )
        ]
        # Serves both the report (recent days, no results) and retention (old days).
        indexes = [models.Index(fields=["day", "result_count"], name="search_log_day_results")]

    def __str__(self):
        return f"{self.query or self.filters_key} ({self.day}: {self.count})"


class FacetDataVersion(models.Model):
    """A random token, replaced whenever something a search index's facets read changes, so
    each process knows when its in-memory facet bitmaps are out of date
    (`search.facet_bitmaps`)."""

    index_name = models.CharField(max_length=100, unique=True)
    token = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.index_name}: {self.token}"


class TextEntry(models.Model):
    """The words of one searchable object, in three weights: what the database matches text
    against (`search.text_table` keeps it; `search.backends.text_match` reads it).

    The weighted full-text columns are made by the database, not by Django: on PostgreSQL,
    generated `tsvector` columns with a GIN index and trigram indexes (migration 0010); on
    SQLite, an FTS5 table kept in step by triggers.
    """

    index_name = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    # Weight A: the object's own name.
    title = models.TextField(blank=True)
    # Weight B: names it is known by (its organisation, its types of support, who it helps).
    related = models.TextField(blank=True)
    # Weight C: what it says about itself.
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["index_name", "object_id"], name="search_text_entry_one_per_object"
            )
        ]

    def __str__(self):
        return f"{self.index_name} {self.object_id}: {self.title}"


class TextWord(models.Model):
    """A word that occurs in an index's entries: the fuzzy fallback finds near spellings of
    a query's words among these (a trigram index on PostgreSQL), then matches the entries
    holding them, instead of comparing the query with every entry's text."""

    index_name = models.CharField(max_length=100)
    word = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["index_name", "word"], name="search_text_word_once")
        ]

    def __str__(self):
        return f"{self.index_name}: {self.word}"
