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

from core.models import ClientGroup, IncomeBand, JusticeStage, LedByAndFor, Region
from core.text import plain_text
from directory.identifiers import (
    CharityRegulator,
    normalise_charity_number,
    normalise_company_number,
)
from directory.listings.commissioning import commissioning_field, commissioning_terms
from directory.listings.confidentiality import normalise_postcode
from directory.listings.opening_hours import OpeningHoursFields
from directory.listings.questions import (
    DELIVERY_METHODS,
    NOT_FILLED_IN,
    NUMBER,
    WIDE,
    CategoryAreasField,
    RadioQuestion,
    categories_by_area,
    charity_answers,
    charity_number_field,
    charity_number_name,
    delivery_answers,
    with_answers,
)
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


def street_address_field(label):
    """An optional street address, as the GOV.UK address pattern asks for it."""
    return forms.CharField(
        label=label,
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )


def postcode_field():
    """An optional postcode (the form normalises it with `normalise_postcode`)."""
    return forms.CharField(
        label=_("Postcode (optional)"),
        max_length=10,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}
        ),
    )


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
            if isinstance(field.widget, forms.HiddenInput) or not self._was_asked(field):
                continue
            value = self.cleaned_data.get(name)
            if hasattr(field, "display_value"):
                shown = field.display_value(value)
            elif isinstance(field, forms.BooleanField):
                shown = _("Yes") if value else _("No")
            elif isinstance(field, forms.ModelMultipleChoiceField):
                shown = ", ".join(str(item) for item in value) if value else ""
            elif isinstance(field, forms.MultipleChoiceField):
                labels = dict(field.choices)
                shown = ", ".join(str(labels.get(item, item)) for item in value or [])
            elif isinstance(field, forms.ChoiceField):
                shown = dict(field.choices).get(value, "") if value else ""
            else:
                shown = value or ""
            # A group of options is reached through its first option ("Change" links).
            grouped = isinstance(field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))
            anchor = f"{name}_0" if grouped else name
            rows.append((anchor, field.label, shown))
        return rows

    def _was_asked(self, field):
        """A follow-up question counts only when the option that reveals it was chosen."""
        question, option = getattr(field, "revealed_by", (None, None))
        return question is None or self.cleaned_data.get(question) == option


class OrganisationBasicsForm(ListingForm):
    """Step 1: who you are."""

    title = forms.CharField(
        label=_("Organisation name"),
        max_length=255,
        error_messages={"required": _("Enter your organisation's name")},
        widget=forms.TextInput(attrs={"autocomplete": "organization", "class": WIDE}),
    )
    summary_text = forms.CharField(
        label=_("What your organisation does, in one sentence"),
        max_length=255,
        help_text=_("For example: We help women leaving prison in Leeds find a safe home."),
        error_messages={"required": _("Say what your organisation does in one sentence")},
        widget=forms.TextInput(attrs={**NOT_FILLED_IN, "class": "govuk-!-width-full"}),
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        error_messages=URL_ERRORS,
        widget=forms.URLInput(attrs={"autocomplete": "url", "spellcheck": "false", "class": WIDE}),
    )
    email = forms.EmailField(
        label=_("Contact email address"),
        help_text=_("Shown on your listing. Use a shared address if you have one."),
        error_messages={"required": _("Enter a contact email address"), **EMAIL_ERRORS},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": WIDE}),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input--width-20"}
        ),
    )
    charity_regulator = RadioQuestion(
        label=_("Is your organisation a registered charity?"),
        help_text=_("If it is, choose who it is registered with."),
        choices=CharityRegulator.choices,
        none_value="none",
        none_label=_("No, it is not a registered charity"),
        reveals={
            regulator.value: [charity_number_name(regulator)] for regulator in CharityRegulator
        },
        required=False,
    )
    charity_number_ccew = charity_number_field(CharityRegulator.ENGLAND_AND_WALES)
    charity_number_oscr = charity_number_field(CharityRegulator.SCOTLAND)
    charity_number_ccni = charity_number_field(CharityRegulator.NORTHERN_IRELAND)
    company_number = forms.CharField(
        label=_("Company number (if registered with Companies House)"),
        help_text=_("8 digits, like 01234567, or 2 letters and 6 digits, like SC123456."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs=NUMBER),
    )
    income_band = RadioQuestion(
        label=_("What is your organisation's yearly income?"),
        help_text=_("A rough figure is fine. It helps regional teams reach small organisations."),
        choices=IncomeBand.choices,
        none_value="not-said",
        none_label=_("Prefer not to say"),
        required=False,
    )
    address = street_address_field(_("Address (optional)"))
    postcode = postcode_field()
    address_is_confidential = forms.BooleanField(
        label=_("Keep this address confidential"),
        help_text=_(
            "Your address will not be shown on any page, in search, in exports or in open "
            "data. We keep it confidential for services supporting people affected by domestic "
            "abuse or sexual violence, unless you change it later."
        ),
        required=False,
    )
    commissioning_relationships = commissioning_field()

    def __init__(self, data=None, *args, organisation=None, **kwargs):
        # When editing, the organisation itself is not a duplicate of itself.
        self.organisation = organisation
        self.existing_listing_field = None
        data = with_answers(data, charity_answers)
        if kwargs.get("initial"):
            kwargs["initial"] = with_answers(kwargs["initial"], charity_answers)
        super().__init__(data, *args, **kwargs)
        self.fields["commissioning_relationships"].queryset = commissioning_terms()

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not any(character.isdigit() for character in phone):
            raise ValidationError(_("Enter a phone number, like 0113 496 0000"))
        return phone

    def clean(self):
        cleaned_data = super().clean()
        self._clean_charity_number(cleaned_data)
        company = cleaned_data.get("company_number")
        if company:
            try:
                cleaned_data["company_number"] = normalise_company_number(company)
            except ValidationError as error:
                self.add_error("company_number", error)
        self.existing_listing = self._existing_listing(cleaned_data)
        return cleaned_data

    def _clean_charity_number(self, cleaned_data):
        """The number in the box the chosen regulator revealed; boxes of regulators not chosen
        (left filled in when someone changed their mind) are ignored."""
        regulator = cleaned_data.get("charity_regulator")
        cleaned_data["charity_number"] = ""
        if "charity_regulator" in self.errors:
            return
        if not regulator:
            typed = any(cleaned_data.get(charity_number_name(each)) for each in CharityRegulator)
            if typed and self.data.get("charity_regulator") != "none":
                self.add_error("charity_regulator", _("Select who your charity is registered with"))
            return
        name = charity_number_name(regulator)
        number = cleaned_data.get(name)
        if not number:
            if name not in self.errors:
                self.add_error(name, _("Enter the charity number, or choose “No”"))
            return
        try:
            cleaned_data["charity_number"] = cleaned_data[name] = normalise_charity_number(
                regulator, number
            )
        except ValidationError as error:
            self.add_error(name, error)

    def _existing_listing(self, cleaned_data):
        """Another organisation with the same charity or company number, if any; the field it
        matched on is `existing_listing_field`."""
        others = OrganisationPage.objects.all()
        if self.organisation is not None:
            others = others.exclude(translation_key=self.organisation.translation_key)
        regulator = cleaned_data.get("charity_regulator")
        number = cleaned_data.get("charity_number")
        if number and charity_number_name(regulator) not in self.errors:
            match = others.filter(charity_regulator=regulator, charity_number=number).first()
            if match:
                self.existing_listing_field = charity_number_name(regulator)
                return match
        company = cleaned_data.get("company_number")
        if company and "company_number" not in self.errors:
            self.existing_listing_field = "company_number"
            return others.filter(company_number=company).first()
        return None


class ServiceWhatForm(ListingForm):
    """Step 2: what you do."""

    title = forms.CharField(
        label=_("Name of the service"),
        max_length=255,
        help_text=_("If you run one service, this can be your organisation's name."),
        error_messages={"required": _("Enter the name of the service")},
        widget=forms.TextInput(attrs={**NOT_FILLED_IN, "class": WIDE}),
    )
    description = forms.CharField(
        label=_("Describe the service"),
        help_text=_("What you do, how you help, and what someone can expect."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe the service")},
    )
    categories = CategoryAreasField(
        label=_("What kind of support is it?"),
        help_text=_("Select the areas you work in, then the kinds of support you offer."),
        error_messages={"required": _("Select at least one kind of support")},
    )
    delivery_methods = forms.MultipleChoiceField(
        label=_("How is the service delivered?"),
        help_text=_("Select all that apply."),
        choices=[(value, label) for value, _name, label in DELIVERY_METHODS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one way the service is delivered")},
    )

    def __init__(self, data=None, *args, **kwargs):
        data = with_answers(data, delivery_answers)
        if kwargs.get("initial"):
            kwargs["initial"] = with_answers(kwargs["initial"], delivery_answers)
        super().__init__(data, *args, **kwargs)
        self.fields["categories"].queryset = categories_by_area()

    def clean(self):
        cleaned_data = super().clean()
        chosen = cleaned_data.get("delivery_methods") or []
        # Saved as three yes/no answers, as the service page has them.
        for value, name, _label in DELIVERY_METHODS:
            cleaned_data[name] = value in chosen
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
        label=_("Referral email address (optional)"),
        required=False,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": WIDE}),
    )
    phone = forms.CharField(
        label=_("Referral phone number (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input--width-20"}
        ),
    )
    cost = forms.CharField(
        label=_("Cost"),
        max_length=255,
        required=False,
        initial=_("Free"),
        help_text=_("For example: Free, or £5 a session."),
        widget=forms.TextInput(attrs={**NOT_FILLED_IN, "class": "govuk-input--width-20"}),
    )
    languages = forms.CharField(
        label=_("Languages other than English (optional)"),
        help_text=_("Separate languages with commas."),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={**NOT_FILLED_IN, "class": WIDE}),
    )


class OrganisationDetailsForm(CoverageFields, OrganisationBasicsForm):
    """Editing an organisation: the basics plus what only an edit page asks for."""

    description = forms.CharField(
        label=_("About your organisation (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
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
        "delivery_methods",
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
