"""Staff create and correct listings in the Wagtail admin, with clear messages for bad input."""

from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.models import Region, ServiceCategory
from directory.models import OrganisationPage, ServicePage, ServiceStatus
from tests.factories import OrganisationPageFactory, build_site_tree
from tests.factories.accounts import StaffUserFactory


class AdminEditingTests(WagtailPageTestCase):
    def setUp(self):
        self.tree = build_site_tree()
        self.client.force_login(StaffUserFactory())
        self.london = Region.objects.get(slug="london")

    def organisation_form(self, **overrides):
        data = {
            "title": "Riverside Futures",
            "slug": "riverside-futures",
            "summary": "Mentoring for young adults leaving custody.",
            "description": rich_text("<p>We walk alongside people.</p>"),
            "charity_regulator": "ccew",
            "charity_number": "1098765",
            "company_number": "1234567",
            "source": "staff",
        }
        data.update(overrides)
        form = nested_form_data(data)
        # Multiple choices go in as lists, which nested_form_data would flatten.
        form["regions"] = [self.london.pk]
        return form

    def test_staff_create_an_organisation_and_its_numbers_are_normalised(self):
        self.assertCanCreate(self.tree.directory, OrganisationPage, self.organisation_form())

        organisation = OrganisationPage.objects.get(slug="riverside-futures")
        assert organisation.company_number == "01234567"
        assert organisation.operational_status.is_claimed is False

    def test_a_bad_charity_number_is_shown_next_to_the_field_and_nothing_is_lost(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["directory", "organisationpage", self.tree.directory.pk],
        )

        response = self.client.post(url, self.organisation_form(charity_number="12345"))

        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["charity_number"] == [
            "Enter a charity number for England and Wales: 6 or 7 digits, "
            "with an optional subsidiary number such as 1098765-1."
        ]
        assert form["summary"].value() == "Mentoring for young adults leaving custody."
        assert not OrganisationPage.objects.filter(slug="riverside-futures").exists()

    def add_organisation_url(self):
        return reverse(
            "wagtailadmin_pages:add",
            args=["directory", "organisationpage", self.tree.directory.pk],
        )

    def test_an_organisation_must_say_where_it_works(self):
        data = self.organisation_form()
        del data["regions"]

        response = self.client.post(self.add_organisation_url(), data)

        assert response.context["form"].errors["regions"] == [
            "Choose the regions you work in, or say you work nationally."
        ]
        assert not OrganisationPage.objects.filter(slug="riverside-futures").exists()

    def test_a_national_organisation_needs_no_regions(self):
        data = self.organisation_form(is_national="on")
        del data["regions"]

        self.assertCanCreate(self.tree.directory, OrganisationPage, data)

        assert OrganisationPage.objects.get(slug="riverside-futures").is_national

    def test_a_second_listing_with_the_same_charity_number_is_refused(self):
        OrganisationPageFactory(
            title="Already Here", charity_regulator="ccew", charity_number="1098765"
        )
        url = reverse(
            "wagtailadmin_pages:add",
            args=["directory", "organisationpage", self.tree.directory.pk],
        )

        response = self.client.post(url, self.organisation_form())

        assert response.context["form"].errors["charity_number"] == [
            "“Already Here” is already listed with this charity number."
        ]

    def test_staff_add_a_service_with_a_confidential_location(self):
        organisation = OrganisationPageFactory(regions=["london"])
        category = ServiceCategory.objects.get(slug="women-abuse-exploitation")
        data = nested_form_data(
            {
                "title": "Safe house",
                "slug": "safe-house",
                "description": rich_text("<p>Refuge for women and children.</p>"),
                "status": "active",
                "referral_method": "both",
                "cost": "Free",
                "delivered_in_person": "on",
                "locations": inline_formset(
                    [
                        {
                            "name": "",
                            "is_confidential": "on",
                            "area": "Hackney",
                            "address": "1 Hidden Road",
                            "postcode": "E8 1AA",
                            "accessibility": "",
                        }
                    ]
                ),
                "opening_hours": inline_formset([]),
            }
        )
        data["categories"] = [category.pk]
        data["regions"] = [self.london.pk]

        self.assertCanCreate(organisation, ServicePage, data)

        service = ServicePage.objects.get(slug="safe-house")
        assert service.organisation_id == organisation.pk
        assert service.locations.get().is_confidential
        assert ServiceStatus.objects.get(service=service).capacity == "accepting"
