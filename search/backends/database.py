"""Search through the ORM: filters as SQL, facet counts as a fixed number of GROUP BYs."""

from django.core.paginator import Paginator

from search.facets import Option


class DatabaseBackend:
    name = "database"

    def search(self, index, query):
        from search.api import FacetResult, SearchResults

        # Each facet's options are loaded once: to drop unknown values and to count.
        options = {facet.param: facet.options() for facet in index.facets}
        values_by_param = {
            facet.param: facet.option_values(options[facet.param]) for facet in index.facets
        }
        query = query.only_known(values_by_param)
        base = index.get_queryset()
        selected_facets = [
            (facet, query.filters[facet.param])
            for facet in index.facets
            if query.filters.get(facet.param)
        ]

        def narrowed(skip=None):
            queryset = base
            for facet, values in selected_facets:
                if facet is not skip:
                    queryset = facet.filter(queryset, values)
            return queryset

        matching = narrowed()
        facet_results = []
        for facet in index.facets:
            choices = options[facet.param]
            # Disjunctive: each facet is counted with every other facet applied, not itself.
            counts = facet.counts(narrowed(skip=facet), values_by_param[facet.param])
            chosen = set(query.filters.get(facet.param, []))
            facet_results.append(
                FacetResult(
                    param=facet.param,
                    label=facet.label,
                    options=[
                        Option(
                            value=value,
                            label=label,
                            count=counts.get(value, 0),
                            selected=value in chosen,
                            children=[
                                Option(
                                    value=child_value,
                                    label=child_label,
                                    count=counts.get(child_value, 0),
                                    selected=child_value in chosen,
                                )
                                for child_value, child_label in children
                            ],
                        )
                        for value, label, children in choices
                    ],
                )
            )

        per_page = min(query.per_page or index.per_page, index.max_per_page)
        paginator = Paginator(index.prepare_results(index.order(matching, query.sort)), per_page)
        page = paginator.get_page(query.page)
        page.object_list = list(page.object_list)

        relaxations = []
        if paginator.count == 0:
            by_param = {result.param: result for result in facet_results}
            for facet, _values in selected_facets:
                relaxations.append((by_param[facet.param], narrowed(skip=facet).count()))

        return SearchResults(
            query=query,
            page=page,
            total=paginator.count,
            facets=facet_results,
            backend=self.name,
            relaxations=relaxations,
        )
