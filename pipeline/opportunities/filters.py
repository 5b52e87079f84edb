"""The pipeline's filters: a GET form whose every choice is labelled ("All regions", never
"---------"). A value that is not one of the choices is ignored, never an error page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Region, ServiceCategory
from pipeline.models import OpportunityKind, OpportunityStatus

FILTER_NAMES = ("region", "category", "kind", "status", "small")


def _term_choices(model, all_label):
    terms = model.objects.in_default_locale().order_by("sort_order", "name")
    return [("", all_label), *((term.slug, term.name) for term in terms)]


class PipelineFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    category = forms.ChoiceField(label=_("Service category"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OpportunityKind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *OpportunityStatus.choices],
    )
    small = forms.BooleanField(
        label=_("Only opportunities open to small organisations"),
        help_text=_(
            "No minimum income, a minimum income under £500,000, or subcontracting offered."
        ),
        required=False,
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["region"].choices = _term_choices(Region, _("All regions"))
        self.fields["category"].choices = _term_choices(
            ServiceCategory, _("All service categories")
        )


def valid_filters(data):
    """(form, {name: value}) for the filters in `data` (a QueryDict), keeping the valid
    ones: a bad value in one filter drops that filter alone."""
    form = PipelineFilterForm({name: data.get(name, "") for name in FILTER_NAMES})
    form.is_valid()
    values = {name: value for name, value in form.cleaned_data.items() if value}
    return form, values
