import factory
import wagtail_factories

from core.models import Region
from forums.models import (
    ConsultationPage,
    ConsultationQuestion,
    EventPage,
    EventRegistration,
    ForumIndexPage,
    ForumMembership,
    RegionalForumPage,
)

from .core import term
from .home import site_home_page


def _forum_index():
    index = ForumIndexPage.objects.first()
    return index if index is not None else ForumIndexPageFactory()


def _region_without_a_forum():
    return Region.objects.in_default_locale().filter(forums__isnull=True).first()


class ForumIndexPageFactory(wagtail_factories.PageFactory):
    title = "Regional forums"
    slug = "forums"
    introduction = "Meet your Regional Probation Director's team and other organisations."
    parent = factory.LazyFunction(site_home_page)
    live = True

    class Meta:
        model = ForumIndexPage


class RegionalForumPageFactory(wagtail_factories.PageFactory):
    """The forum of a region (by default the first region that has none yet)."""

    region = factory.LazyFunction(_region_without_a_forum)
    title = factory.LazyAttribute(lambda o: f"{term(Region, o.region).name} forum")
    introduction = "<p>Events, consultations and what came out of them.</p>"
    parent = factory.LazyFunction(_forum_index)
    live = True

    class Meta:
        model = RegionalForumPage

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs = super()._adjust_kwargs(**kwargs)
        kwargs["region"] = term(Region, kwargs["region"])
        return kwargs


def _next_week_at_ten():
    import datetime

    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


class EventPageFactory(wagtail_factories.PageFactory):
    """An in-person event next week, 10:00 to 12:00 London time, with 20 places."""

    title = factory.Sequence(lambda n: f"Forum meeting {n}")
    summary = "Hear the region's plans and tell us what you need."
    start = factory.LazyFunction(_next_week_at_ten)
    end = factory.LazyAttribute(lambda o: o.start + __import__("datetime").timedelta(hours=2))
    format = "in_person"
    venue_name = "Civic Centre"
    venue_address = "1 High Street\nNewcastle upon Tyne\nNE1 1AA"
    accessibility = "Step-free access and a hearing loop."
    capacity = 20
    parent = factory.SubFactory(RegionalForumPageFactory)
    live = True

    class Meta:
        model = EventPage


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory("tests.factories.core.UserFactory")
    status = "registered"

    class Meta:
        model = EventRegistration


class ForumMembershipFactory(factory.django.DjangoModelFactory):
    forum = factory.SubFactory(RegionalForumPageFactory)
    organisation = factory.SubFactory("tests.factories.directory.OrganisationPageFactory")

    class Meta:
        model = ForumMembership


def _a_week_ago():
    import datetime

    from django.utils import timezone

    return timezone.now() - datetime.timedelta(days=7)


class ConsultationPageFactory(wagtail_factories.PageFactory):
    """An open consultation (opened a week ago, closing in three weeks), one response per
    organisation, under a regional forum."""

    title = factory.Sequence(lambda n: f"Consultation {n}")
    summary = "Tell us how the forum should work."
    purpose = "<p>We want to hear from every organisation in the region.</p>"
    opens_at = factory.LazyFunction(_a_week_ago)
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + __import__("datetime").timedelta(28))
    response_mode = "organisation"
    parent = factory.SubFactory(RegionalForumPageFactory)
    live = True

    class Meta:
        model = ConsultationPage


class ConsultationQuestionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ConsultationPageFactory)
    kind = "short_text"
    text = factory.Sequence(lambda n: f"Question {n}")

    class Meta:
        model = ConsultationQuestion
