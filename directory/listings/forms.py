"""The forms organisations use on the public site: the create-a-listing steps and the edit
pages share them, so a rule (a charity number's format, coverage) is checked one way.

Text is plain text: it is stored as typed and escaped when shown, and a description becomes
paragraphs of rich text with any HTML neutralised (`paragraphs_from_text`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField

from core.models import ClientGroup, IncomeBand, JusticeStage, LedByAndFor, Region, ServiceCategory
from core.text import plain_text
from directory.identifiers import (
    CharityRegulator,
    normalise_charity_number,
    normalise_company_number,
)
from directory.listings.opening_hours import OpeningHoursFields
from directory.models import OrganisationPage, ReferralMethod, ServiceState
from directory.models.pages import Coverage

EMAIL_ERRORS = {"invalid": _("Enter an email address in the correct format, like name@example.com")}
URL_ERRORS = {"invalid": _("Enter a web address in the correct format, like https://example.org")}


def paragraphs_from_text(text):
    """Plain text as safe rich text: blank lines separate paragraphs, HTML is escaped."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>{}</p>".format(escape(block).replace("\n", "<br/>")) for block in blocks if block
    )


def text_from_rich_text(html):
    """The words of a rich text field, paragraphs kept apart, for editing as plain text."""
    return plain_text((html or "").replace("</p>", "</p>\n\n")).strip()


def _terms(model):
    return model.objects.in_default_locale().order_by("sort_order", "name")


class CategoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, category):
        return str(category)


class ListingForm(forms.Form):
    """Shared helpers: a name must have letters in it; a form can say what it has."""

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not any(character.isalnum() for character in title):
            raise ValidationError(_("Enter a name with letters or numbers in it"))
        return title

    def answers_for_display(self):
        """(label, value) pairs as a person would read them, for 'check your answers'."""
        rows = []
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.HiddenInput):
                continue
            value = self.cleaned_data.get(name)
            if isinstance(field, forms.BooleanField):
                shown = _("Yes") if value else _("No")
            elif isinstance(field, forms.ModelMultipleChoiceField):
                shown = ", ".join(str(item) for item in value) if value else ""
            elif isinstance(field, forms.ChoiceField):
                shown = dict(field.choices).get(value, "") if value else ""
            else:
                shown = value or ""
            rows.append((name, field.label, shown))
        return rows


class OrganisationBasicsForm(ListingForm):
    """Step 1: who you are."""

    title = forms.CharField(
        label=_("Organisation name"),
        max_length=255,
        error_messages={"required": _("Enter your organisation's name")},
    )
    summary_text = forms.CharField(
        label=_("What your organisation does, in one sentence"),
        max_length=255,
        help_text=_("For example: We help women leaving prison in Leeds find a safe home."),
        error_messages={"required": _("Say what your organisation does in one sentence")},
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        error_messages=URL_ERRORS,
    )
    email = forms.EmailField(
        label=_("Contact email address"),
        help_text=_("Shown on your listing. Use a shared address if you have one."),
        error_messages={"required": _("Enter a contact email address"), **EMAIL_ERRORS},
    )
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=40, required=False)
    charity_regulator = forms.ChoiceField(
        label=_("Is it a registered charity?"),
        choices=[("", _("Not a registered charity")), *CharityRegulator.choices],
        required=False,
    )
    charity_number = forms.CharField(
        label=_("Charity number (if registered)"), max_length=20, required=False
    )
    company_number = forms.CharField(
        label=_("Company number (if registered with Companies House)"),
        max_length=20,
        required=False,
    )
    income_band = forms.ChoiceField(
        label=_("Yearly income"),
        help_text=_("A rough figure is fine. It helps regional teams reach small organisations."),
        choices=[("", _("Prefer not to say")), *IncomeBand.choices],
        required=False,
    )

    def __init__(self, *args, organisation=None, **kwargs):
        # When editing, the organisation itself is not a duplicate of itself.
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not any(character.isdigit() for character in phone):
            raise ValidationError(_("Enter a phone number, like 0113 496 0000"))
        return phone

    def clean(self):
        cleaned_data = super().clean()
        regulator = cleaned_data.get("charity_regulator")
        number = cleaned_data.get("charity_number")
        if number:
            try:
                cleaned_data["charity_number"] = normalise_charity_number(regulator, number)
            except ValidationError as error:
                self.add_error("charity_number", error)
        elif regulator:
            self.add_error(
                "charity_number",
                _("Enter the charity number, or choose “Not a registered charity”"),
            )
        company = cleaned_data.get("company_number")
        if company:
            try:
                cleaned_data["company_number"] = normalise_company_number(company)
            except ValidationError as error:
                self.add_error("company_number", error)
        self.existing_listing = self._existing_listing(cleaned_data)
        return cleaned_data

    def _existing_listing(self, cleaned_data):
        """Another organisation with the same charity or company number, if any."""
        others = OrganisationPage.objects.all()
        if self.organisation is not None:
            others = others.exclude(translation_key=self.organisation.translation_key)
        number = cleaned_data.get("charity_number")
        if number and "charity_number" not in self.errors:
            match = others.filter(
                charity_regulator=cleaned_data.get("charity_regulator"), charity_number=number
            ).first()
            if match:
                return match
        company = cleaned_data.get("company_number")
        if company and "company_number" not in self.errors:
            return others.filter(company_number=company).first()
        return None


class ServiceWhatForm(ListingForm):
    """Step 2: what you do."""

    title = forms.CharField(
        label=_("Name of the service"),
        max_length=255,
        help_text=_("If you run one service, this can be your organisation's name."),
        error_messages={"required": _("Enter the name of the service")},
    )
    description = forms.CharField(
        label=_("Describe the service"),
        help_text=_("What you do, how you help, and what someone can expect."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe the service")},
    )
    categories = CategoryChoiceField(
        label=_("What kind of support is it?"),
        help_text=_("Select all that apply."),
        queryset=ServiceCategory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one kind of support")},
    )
    delivered_in_person = forms.BooleanField(label=_("In person"), required=False)
    delivered_online = forms.BooleanField(label=_("Online"), required=False)
    delivered_by_phone = forms.BooleanField(label=_("By phone"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = (
            ServiceCategory.objects.in_default_locale()
            .filter(parent__isnull=False)
            .select_related("parent")
            .order_by("parent__sort_order", "parent__name", "sort_order", "name")
        )

    def clean(self):
        cleaned_data = super().clean()
        methods = ["delivered_in_person", "delivered_online", "delivered_by_phone"]
        if not any(cleaned_data.get(name) for name in methods):
            self.add_error(
                "delivered_in_person", _("Select at least one way the service is delivered")
            )
        return cleaned_data


class CoverageFields(forms.Form):
    """Where an organisation or service works: across England and Wales, or in regions.
    The rule is the page models' own (`Coverage.coverage_error`)."""

    is_national = forms.BooleanField(label=_("We work across England and Wales"), required=False)
    regions = forms.ModelMultipleChoiceField(
        label=_("Or the probation regions you work in"),
        help_text=_("Select all that apply."),
        queryset=Region.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = _terms(Region)

    def clean(self):
        cleaned_data = super().clean()
        message = Coverage.coverage_error(
            cleaned_data.get("is_national"), cleaned_data.get("regions")
        )
        if message:
            self.add_error("regions", message)
        return cleaned_data


class ServiceWhereForm(CoverageFields, ListingForm):
    """Step 3: where you work and who you work with."""

    client_groups = forms.ModelMultipleChoiceField(
        label=_("Who is it for?"),
        help_text=_("Select all that apply, or none if it is for anyone."),
        queryset=ClientGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    stages = forms.ModelMultipleChoiceField(
        label=_("At which stages of the justice system?"),
        queryset=JusticeStage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    eligibility = forms.CharField(
        label=_("Who can use it (optional)"),
        help_text=_("For example: women aged 18 and over; not for people with arson convictions."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client_groups"].queryset = _terms(ClientGroup)
        self.fields["stages"].queryset = _terms(JusticeStage)


class ServiceReferralForm(ListingForm):
    """Step 4: how to refer."""

    referral_method = forms.ChoiceField(
        label=_("How do people get referred?"),
        choices=ReferralMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how people get referred")},
    )
    referral_details = forms.CharField(
        label=_("How to refer (optional)"),
        help_text=_("What to send, to whom, and what happens next."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    referral_checklist = forms.CharField(
        label=_("What must a referral include? (optional)"),
        help_text=_(
            "Put each item on its own line, for example: date of birth; risk assessment; "
            "release date. Practitioners see it as a checklist, so referrals arrive complete."
        ),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    email = forms.EmailField(
        label=_("Referral email address (optional)"), required=False, error_messages=EMAIL_ERRORS
    )
    phone = forms.CharField(
        label=_("Referral phone number (optional)"), max_length=40, required=False
    )
    cost = forms.CharField(
        label=_("Cost"),
        max_length=255,
        required=False,
        initial=_("Free"),
        help_text=_("For example: Free, or £5 a session."),
    )
    languages = forms.CharField(
        label=_("Languages other than English (optional)"),
        help_text=_("Separate languages with commas."),
        max_length=255,
        required=False,
    )


class OrganisationDetailsForm(CoverageFields, OrganisationBasicsForm):
    """Editing an organisation: the basics plus what only an edit page asks for."""

    description = forms.CharField(
        label=_("About your organisation (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    address = forms.CharField(
        label=_("Address (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    postcode = forms.CharField(label=_("Postcode (optional)"), max_length=10, required=False)
    led_by_and_for = forms.ModelMultipleChoiceField(
        label=_("Is your organisation led by and for a community? (optional)"),
        queryset=LedByAndFor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    logo = WagtailImageField(
        label=_("Logo (optional)"),
        help_text=_("A JPEG, PNG, GIF or WebP image, up to 5MB."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["led_by_and_for"].queryset = _terms(LedByAndFor)


class ServiceDetailsForm(
    ServiceWhatForm, ServiceWhereForm, ServiceReferralForm, OpeningHoursFields
):
    """Editing or adding a service: every service question on one page."""

    status = forms.ChoiceField(
        label=_("Is the service running?"),
        choices=ServiceState.choices,
        widget=forms.RadioSelect,
        initial=ServiceState.ACTIVE,
    )

    field_order = [
        "title",
        "description",
        "status",
        "categories",
        "delivered_in_person",
        "delivered_online",
        "delivered_by_phone",
        "is_national",
        "regions",
        "client_groups",
        "stages",
        "eligibility",
        "referral_method",
        "referral_details",
        "referral_checklist",
        "email",
        "phone",
        "cost",
        "languages",
    ]
