import pytest
from wagtail.search.backends import get_search_backend
from modelsearch.query import PlainText, Or
from directory.models import ServicePage
from tests.search.sample_directory import build_sample_directory
pytestmark = pytest.mark.django_db

def test_debug():
    build_sample_directory()
    b = get_search_backend()
    for word in ["drugs", "Drugs", "dependency", "programme", "drug", "houses", "homelessness", "accommodation", "northern"]:
        print(word, [p.title for p in b.search(PlainText(word), ServicePage.objects.live())])
    from modelsearch.models import IndexEntry
    for e in IndexEntry.objects.all():
        print(e.title, "|", e.body[:200] if hasattr(e,'body') else e.__dict__)
