"""The admin form of an opportunity page: a change of status or a moved key date must say
why (the reason is published in the page's history), and a delay must promise a date for the
next update.

It lives with the models (not in pipeline/opportunities/) because OpportunityPage names it
as its `base_form_class`, and models never import a feature folder.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from pipeline.models.history_changes import key_dates_snapshot, latest_entry, needs_reason

EXPECTED = _("The expected date. If it moves, the old and new dates are published.")
HELP = {
    "status": _("A change of status is published in the opportunity's history, with its date."),
    "change_reason": _(
        "Published in the opportunity's history. Needed when the status changes or a key "
        "date moves: say why, in plain words."
    ),
    "next_update_on": _("Needed when the opportunity is delayed: when you will say more."),
}


class OpportunityPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        # OpportunityPage names this form: pages.py is imported here, not at the top.
        from pipeline.models.pages import KEY_DATES

        super().__init__(*args, **kwargs)
        for name in KEY_DATES:
            if name in self.fields:
                self.fields[name].help_text = EXPECTED
        for name, help_text in HELP.items():
            if name in self.fields:
                self.fields[name].help_text = help_text
        # The page keeps the last published reason; each change needs its own. A draft's
        # reason (saved since that publish) is kept.
        page = self.instance
        if page is not None and page.pk and not page.has_unpublished_changes:
            self.initial["change_reason"] = ""

    def clean(self):
        from pipeline.models.pages import KEY_DATES, OpportunityStatus

        cleaned_data = super().clean()
        self._check_regions(cleaned_data)
        self._check_lead_provider(cleaned_data)
        if getattr(self, "is_deferred_validation", False) or "status" not in self.fields:
            return cleaned_data
        status = cleaned_data.get("status")
        if status == OpportunityStatus.DELAYED and not cleaned_data.get("next_update_on"):
            self.add_error(
                "next_update_on",
                _("Enter the date by which you will next update a delayed opportunity."),
            )
        snapshot = key_dates_snapshot(
            {name: cleaned_data.get(name, getattr(self.instance, name)) for name in KEY_DATES}
        )
        reason = (cleaned_data.get("change_reason") or "").strip()
        if status and not reason and needs_reason(latest_entry(self.instance), status, snapshot):
            self.add_error(
                "change_reason",
                _(
                    "Enter the reason for this change: the status or a key date differs from "
                    "what was last published."
                ),
            )
        return cleaned_data

    def _check_lead_provider(self, cleaned_data):
        """A subcontract is offered by a lead provider: name it, so its people can run the
        partnering."""
        from pipeline.models.pages import OpportunityKind

        if "lead_provider" not in self.fields or cleaned_data.get("lead_provider"):
            return
        if cleaned_data.get("kind") == OpportunityKind.SUBCONTRACT:
            self.add_error(
                "lead_provider", _("Choose the listed organisation offering this subcontract.")
            )

    def _check_regions(self, cleaned_data):
        """A regional forum manager saves opportunities for their own region only (drafts
        too): never for another region, nor nationally."""
        from pipeline import roles

        user = getattr(self, "for_user", None)
        if user is None or "regions" not in self.fields:
            return
        regions = list(cleaned_data.get("regions") or [])
        is_national = bool(cleaned_data.get("is_national"))
        if not roles.may_publish_for_regions(user, regions, is_national):
            self.add_error(
                "regions",
                _(
                    "You can publish opportunities for your own region only: choose it, and "
                    'leave "national" unticked.'
                ),
            )
