"""`setup_site` makes the pipeline (in English and Welsh, in the main navigation, with its
roles); the demo fills it once; a regional forum page lists its region's opportunities."""

from django.contrib.auth.models import Group

from wagtail.models import Locale

import pytest

from home.site_structure import ensure_site_structure
from pipeline.demo import PLANS, load_pipeline_demo
from pipeline.models import OpportunityPage, PipelineIndexPage, StatusUpdate
from tests.factories import OpportunityPageFactory

pytestmark = pytest.mark.django_db


def test_setting_up_twice_makes_one_pipeline_in_the_navigation_with_its_roles(client):
    structure = ensure_site_structure()
    ensure_site_structure()
    assert PipelineIndexPage.objects.filter(locale=Locale.get_default()).count() == 1
    assert structure.welsh.pipeline.title == "Piblinell gomisiynu"
    home = client.get("/")
    assert 'href="/pipeline/"' in home.content.decode()
    for name in ("Commissioners", "Forum managers: London"):
        assert (
            Group.objects.get(name=name).page_permissions.filter(page=structure.pipeline).exists()
        ), name
    assert (
        not Group.objects.get(name="Forum managers: National")
        .page_permissions.filter(page=structure.pipeline)
        .exists()
    )


def test_the_demo_pipeline_is_loaded_once_with_delays_and_awards(client):
    structure = ensure_site_structure()
    assert load_pipeline_demo(structure.pipeline) == len(PLANS)
    entries = StatusUpdate.objects.count()
    assert load_pipeline_demo(structure.pipeline) == 0
    assert StatusUpdate.objects.count() == entries
    # Each plan's steps are its history; publishing the current state added nothing more.
    assert entries == sum(len(plan["steps"]) for plan in PLANS)
    delayed = OpportunityPage.objects.live().filter(status="delayed")
    assert delayed.count() >= 2
    for page in delayed:
        moved = page.history.exclude(date_changes=[])
        assert moved.exists() and all(entry.reason for entry in moved)
        assert page.next_update_on is not None
    assert OpportunityPage.objects.live().filter(status="awarded").count() >= 2
    kinds = set(OpportunityPage.objects.values_list("kind", flat=True))
    assert {"grant", "contract", "call_off", "subcontract"} <= kinds


def test_a_regional_forum_page_lists_its_regions_opportunities_open_ones_first(client):
    structure = ensure_site_structure()
    index = structure.pipeline
    OpportunityPageFactory(
        parent=index, title="Awarded London lot", regions=["london"], status="awarded"
    )
    OpportunityPageFactory(parent=index, title="Open London lot", regions=["london"], status="open")
    OpportunityPageFactory(parent=index, title="National grant", regions=[], is_national=True)
    OpportunityPageFactory(parent=index, title="Wales lot", regions=["wales"])
    forum = next(f for f in structure.forums if f.region.slug == "london")
    html = client.get(forum.url).content.decode()
    assert "Commissioning opportunities" in html
    assert "Wales lot" not in html
    assert html.index("Open London lot") < html.index("Awarded London lot")
    assert "National grant" in html
    assert "/pipeline/?region=london" in html
