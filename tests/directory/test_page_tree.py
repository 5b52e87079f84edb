"""Where each page type may live, and that every page type renders."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from directory.models import DirectoryIndexPage, OrganisationPage, ServicePage
from forums.models import (
    ConsultationPage,
    EventPage,
    ForumIndexPage,
    ForumNewsPage,
    RegionalForumPage,
)
from home.models import ContentPage, HomePage
from tests.factories import (
    ContentPageFactory,
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    build_site_tree,
)


class PageTreeRulesTest(WagtailPageTestCase):
    def test_the_home_page_sits_at_the_root_of_the_tree(self):
        self.assertCanCreateAt(Page, HomePage)

    def test_the_directory_sits_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, DirectoryIndexPage)

    def test_organisations_sit_under_the_directory(self):
        self.assertCanCreateAt(DirectoryIndexPage, OrganisationPage)

    def test_services_sit_under_their_organisation(self):
        self.assertCanCreateAt(OrganisationPage, ServicePage)

    def test_the_forum_index_sits_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ForumIndexPage)

    def test_regional_forums_sit_under_the_forum_index(self):
        self.assertCanCreateAt(ForumIndexPage, RegionalForumPage)

    def test_content_pages_sit_under_the_home_page_or_another_content_page(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)

    def test_a_service_cannot_sit_directly_under_the_directory(self):
        self.assertCanNotCreateAt(DirectoryIndexPage, ServicePage)

    def test_an_organisation_cannot_sit_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, OrganisationPage)

    def test_an_organisation_cannot_sit_under_another_organisation(self):
        self.assertCanNotCreateAt(OrganisationPage, OrganisationPage)

    def test_a_regional_forum_cannot_sit_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, RegionalForumPage)

    def test_a_service_cannot_sit_under_another_service(self):
        self.assertCanNotCreateAt(ServicePage, ServicePage)

    def test_a_service_cannot_sit_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, ServicePage)

    def test_a_content_page_cannot_sit_in_the_directory(self):
        self.assertCanNotCreateAt(DirectoryIndexPage, ContentPage)
        self.assertCanNotCreateAt(OrganisationPage, ContentPage)

    def test_a_home_page_cannot_sit_under_another_page_type(self):
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_a_directory_cannot_sit_under_the_forum_index(self):
        self.assertCanNotCreateAt(ForumIndexPage, DirectoryIndexPage)

    def test_a_forum_index_cannot_sit_in_the_directory(self):
        self.assertCanNotCreateAt(DirectoryIndexPage, ForumIndexPage)

    def test_the_home_page_allows_exactly_the_directory_the_forums_and_content_pages(self):
        self.assertAllowedSubpageTypes(HomePage, {DirectoryIndexPage, ForumIndexPage, ContentPage})

    def test_the_directory_allows_only_organisations(self):
        self.assertAllowedSubpageTypes(DirectoryIndexPage, {OrganisationPage})

    def test_an_organisation_allows_only_services(self):
        self.assertAllowedSubpageTypes(OrganisationPage, {ServicePage})

    def test_a_service_has_no_subpages(self):
        self.assertAllowedSubpageTypes(ServicePage, set())

    def test_a_regional_forum_holds_its_events_consultations_and_news(self):
        self.assertAllowedSubpageTypes(
            RegionalForumPage, {EventPage, ConsultationPage, ForumNewsPage}
        )
        self.assertAllowedParentPageTypes(EventPage, {RegionalForumPage})
        self.assertAllowedParentPageTypes(ForumNewsPage, {RegionalForumPage})

    def test_national_consultations_sit_directly_under_the_forum_index(self):
        self.assertAllowedSubpageTypes(ForumIndexPage, {RegionalForumPage, ConsultationPage})
        self.assertAllowedParentPageTypes(ConsultationPage, {RegionalForumPage, ForumIndexPage})

    def test_a_home_page_can_have_only_one_directory_and_one_forum_index(self):
        tree = build_site_tree()
        ForumIndexPageFactory(parent=tree.home)

        self.assertFalse(DirectoryIndexPage.can_create_at(tree.home))
        self.assertFalse(ForumIndexPage.can_create_at(tree.home))


class EveryPageTypeRendersTest(WagtailPageTestCase):
    def setUp(self):
        self.tree = build_site_tree()

    def test_the_home_page_renders(self):
        self.assertPageIsRenderable(self.tree.home)

    def test_a_content_page_renders(self):
        self.assertPageIsRenderable(ContentPageFactory(parent=self.tree.home))

    def test_the_directory_renders(self):
        ServicePageFactory()

        self.assertPageIsRenderable(self.tree.directory)

    def test_an_organisation_page_renders(self):
        organisation = OrganisationPageFactory(
            regions=["london"], led_by_and_for=["women"], commissioning_relationships=["moj-grant"]
        )
        ServicePageFactory(parent=organisation)

        self.assertPageIsRenderable(organisation)

    def test_a_service_page_renders(self):
        service = ServicePageFactory(
            categories=["housing-advice"], client_groups=["women"], stages=["on-probation"]
        )
        ServiceLocationFactory(service=service)

        self.assertPageIsRenderable(service)

    def test_the_forum_index_renders(self):
        forum_index = ForumIndexPageFactory(parent=self.tree.home)
        RegionalForumPageFactory(parent=forum_index, region="wales")

        self.assertPageIsRenderable(forum_index)

    def test_a_regional_forum_renders(self):
        forum = RegionalForumPageFactory(
            parent=ForumIndexPageFactory(parent=self.tree.home), region="london"
        )

        self.assertPageIsRenderable(forum)
