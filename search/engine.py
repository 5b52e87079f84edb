"""The search engine (OpenSearch, or Elasticsearch 8 through the same API): connection,
index names and documents. Only search/ talks to the engine.

Each registered index has a dedicated engine index, reached through an alias
(`<prefix><index name>`), so a rebuild fills a new index and swaps the alias atomically.
"""

import logging
import time

from django.conf import settings
from django.db import transaction

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import NotFoundError, OpenSearchException

from core.progress import Progress
from search.backends.engine_config import EngineUnavailable, engine_url
from search.indexes import get_index

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 2
BULK_CHUNK_SIZE = 500
# Index administration (create, refresh, alias swap) on a busy node can take far longer than
# a search may: it is not bound by SEARCH_TIMEOUT.
ADMIN_TIMEOUT_SECONDS = 120
# How soon a change is searchable once the index is built (while building: never, so the
# bulk load writes no intermediate segments; the rebuild refreshes once at the end).
REFRESH_INTERVAL = "1s"


# Every facet's values of a document in one keyword field ("region=london", "capacity=accepting"),
# so that one aggregation counts every facet: at 100,000 organisations ten terms aggregations
# took 93 ms of a search, one over this field 26 ms.
FACET_VALUES = "facet_values"
FACET_SEPARATOR = "="


def with_facet_values(index, document):
    """The document as indexed: with its facets' values in `FACET_VALUES`."""
    values = [
        f"{facet.param}{FACET_SEPARATOR}{value}"
        for facet in index.facets
        for value in facet.engine_values(document)
    ]
    return {**document, FACET_VALUES: values}


def timeout():
    return float(getattr(settings, "SEARCH_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))


_clients = {}


def client(url=None):
    """The client for the engine at `url`, one per address and timeout for the process, so
    searches reuse its open connections instead of connecting afresh (the client is safe to
    share between threads)."""
    key = (url or engine_url(), timeout())
    found = _clients.get(key)
    if found is None:
        found = _clients.setdefault(
            key,
            OpenSearch(hosts=[key[0]], timeout=key[1], max_retries=0, retry_on_timeout=False),
        )
    return found


def alias_name(index):
    prefix = getattr(settings, "SEARCH_INDEX_PREFIX", "commonground-")
    return f"{prefix}{index.name}"


def call(operation, *args, **kwargs):
    """Run a client call; an engine that is down, slow or has no index yet is unavailable."""
    try:
        return operation(*args, **kwargs)
    except (OpenSearchException, OSError) as error:
        if isinstance(error, NotFoundError):
            logger.warning("The search index is missing: run manage.py rebuild_search_index")
        raise EngineUnavailable(str(error)) from error


def multi_search(engine, alias, bodies, params):
    """The raw responses to several searches of one index, asked in one request (`params`
    as for one search: its filter_path applies to each response); unavailable as `call`
    when any of them fails."""
    # The request cache is asked for in each search's header line.
    header = {"index": alias, **{k: v for k, v in params.items() if k != "filter_path"}}
    body = [line for search in bodies for line in (header, search)]
    # Every response keeps its status, so that none is left out of the list.
    paths = [*params.get("filter_path", "*").split(","), "status", "error"]
    multi = {"filter_path": ",".join(f"responses.{path}" for path in paths)}
    responses = call(engine.msearch, body=body, params=multi)["responses"]
    errors = [response["error"] for response in responses if "error" in response]
    if errors:
        if any(error.get("type") == "index_not_found_exception" for error in errors):
            logger.warning("The search index is missing: run manage.py rebuild_search_index")
        raise EngineUnavailable(str(errors[0]))
    return responses


def create_index(engine, index, name):
    body = {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "refresh_interval": "-1",
            **index.engine_settings,
        },
        "mappings": _mapping(index),
    }
    engine.indices.create(index=name, body=body, request_timeout=ADMIN_TIMEOUT_SECONDS)


def _mapping(index):
    mapping = index.engine_mapping()
    mapping["properties"][FACET_VALUES] = {"type": "keyword"}
    return mapping


def _actions(index, name, queryset, progress):
    for pk, document in index.documents(queryset):
        yield {"_index": name, "_id": str(pk), "_source": with_facet_values(index, document)}
        progress.advance()


def rebuild(index_name, url=None, progress=None):
    """Index every document into a new index, then point the alias at it and drop the old.
    `progress` (a core.progress.Progress, optional) is told the total and each document.

    Returns (new index name, documents indexed, seconds taken).
    """
    index = get_index(index_name)
    engine = client(url)
    alias = alias_name(index)
    started = time.monotonic()
    new_name = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}-{int(time.time() * 1000) % 1000:03d}"
    create_index(engine, index, new_name)
    queryset = index.get_document_queryset()
    progress = progress or Progress.silent()
    progress.total = queryset.count()
    indexed, _errors = helpers.bulk(
        engine,
        _actions(index, new_name, queryset, progress),
        chunk_size=BULK_CHUNK_SIZE,
        request_timeout=ADMIN_TIMEOUT_SECONDS,
    )
    engine.indices.put_settings(
        index=new_name,
        body={"index": {"refresh_interval": REFRESH_INTERVAL}},
        request_timeout=ADMIN_TIMEOUT_SECONDS,
    )
    engine.indices.refresh(index=new_name, request_timeout=ADMIN_TIMEOUT_SECONDS)
    old = (
        list(engine.indices.get_alias(name=alias).keys())
        if engine.indices.exists_alias(name=alias)
        else []
    )
    if engine.indices.exists(index=alias) and not old:
        # A plain index squatting on the alias's name (never expected): replace it.
        engine.indices.delete(index=alias)
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": new_name, "alias": alias}})
    engine.indices.update_aliases(body={"actions": actions}, request_timeout=ADMIN_TIMEOUT_SECONDS)
    for name in old:
        engine.indices.delete(
            index=name, ignore_unavailable=True, request_timeout=ADMIN_TIMEOUT_SECONDS
        )
    return new_name, indexed, time.monotonic() - started


def update_documents(index_name, pks):
    """Bring the engine up to date for these objects: index the ones still searchable,
    delete the others (unpublished, deleted, under a draft parent, ...).

    Does nothing when no engine is configured; never raises into the caller.
    """
    if not engine_url() or not pks:
        return
    index = get_index(index_name)
    try:
        engine = client()
        alias = alias_name(index)
        if not engine.indices.exists_alias(name=alias):
            rebuild(index_name)
            return
        pks = _with_translations(engine, alias, index, pks)
        found = dict(index.documents(index.get_document_queryset().filter(pk__in=pks)))
        actions = [
            {"_index": alias, "_id": str(pk), "_source": with_facet_values(index, found[pk])}
            if pk in found
            else {"_op_type": "delete", "_index": alias, "_id": str(pk)}
            for pk in pks
        ]
        helpers.bulk(engine, actions, raise_on_error=False, refresh="wait_for")
    except (OpenSearchException, OSError):
        # The index catches up at the next rebuild; publishing must not fail because of it.
        logger.exception("Could not update the search engine for %s %s", index_name, pks)


def _with_translations(engine, alias, index, pks):
    """The objects and every translation of them: whether one version is shown in a
    language depends on the others (search.translations). A deleted object's translation
    key is read from its document, which is still in the engine."""
    field = index.engine_translation_field
    if not field:
        return list(pks)
    model = index.get_document_queryset().model
    keys = set(model._base_manager.filter(pk__in=pks).values_list("translation_key", flat=True))
    found = engine.search(
        index=alias,
        body={"query": {"ids": {"values": [str(pk) for pk in pks]}}, "_source": [field]},
        size=len(pks),
    )
    keys |= {hit["_source"][field] for hit in found["hits"]["hits"] if field in hit["_source"]}
    translations = model._base_manager.filter(translation_key__in=keys).values_list("pk", flat=True)
    return list(dict.fromkeys([*pks, *translations]))


def update_documents_on_commit(index_name, pks):
    """These objects' documents changed: the engine's copies are updated after the
    transaction commits, and the database backend's facet bitmaps are out of date now."""
    from search import facet_bitmaps

    pks = list(pks)
    if pks:
        facet_bitmaps.data_changed(index_name)
    if engine_url() and pks:
        transaction.on_commit(lambda: update_documents(index_name, pks))
