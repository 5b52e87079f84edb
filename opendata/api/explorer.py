"""Try the API: a page with a form for every endpoint, made from the API's own OpenAPI
document, that sends the request and shows the API's answer in the browser. Plain HTML
forms, so it works without JavaScript, with a screen reader and on a phone (the
third-party interactive docs did not)."""

import functools
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opendata.api.service import api


@dataclass(frozen=True)
class Parameter:
    name: str
    in_path: bool
    required: bool
    description: str
    type: str
    format: str
    max_length: int | None
    default: object

    @classmethod
    def from_openapi(cls, parameter):
        schema = parameter.get("schema", {})
        # An optional value is described as "anyOf: [its type, null]".
        schema = next(
            (option for option in schema.get("anyOf", [schema]) if option.get("type") != "null"),
            schema,
        )
        return cls(
            name=parameter["name"],
            in_path=parameter["in"] == "path",
            required=bool(parameter.get("required")),
            description=parameter.get("description", ""),
            type=schema.get("type", "string"),
            format=schema.get("format", ""),
            max_length=schema.get("maxLength"),
            default=schema.get("default"),
        )


@dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str
    summary: str
    parameters: tuple

    @property
    def path_parameters(self):
        return [parameter for parameter in self.parameters if parameter.in_path]

    @property
    def query_parameters(self):
        return [parameter for parameter in self.parameters if not parameter.in_path]

    def url(self, values):
        """The request to send: path parameters filled in, query parameters given added."""
        path = self.path
        for parameter in self.path_parameters:
            path = path.replace(f"{{{parameter.name}}}", quote(values[parameter.name], safe=""))
        query = [
            (parameter.name, values[parameter.name])
            for parameter in self.query_parameters
            if values.get(parameter.name)
        ]
        return f"{path}?{urlencode(query)}" if query else path


@functools.cache
def operations():
    """Every operation of the API, in the order the OpenAPI document lists them."""
    schema = api.get_openapi_schema()
    return [
        Operation(
            id=operation["operationId"].removeprefix("opendata_api_endpoints_"),
            method=method.upper(),
            path=path,
            summary=operation.get("summary", ""),
            parameters=tuple(
                Parameter.from_openapi(parameter) for parameter in operation.get("parameters", [])
            ),
        )
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def _operation(operation_id):
    return next((operation for operation in operations() if operation.id == operation_id), None)


@dataclass(frozen=True)
class Field:
    """One parameter's box on an operation's form."""

    parameter: Parameter
    id: str
    value: str
    error: str


def _render(request, *, chosen=None, values=None, errors=None, status=200):
    values, errors = values or {}, errors or {}
    sections = [
        (
            operation,
            [
                Field(
                    parameter=parameter,
                    id=f"{operation.id}-{parameter.name}",
                    value=values.get(parameter.name, "") if operation == chosen else "",
                    error=errors.get(parameter.name, "") if operation == chosen else "",
                )
                for parameter in operation.parameters
            ],
        )
        for operation in operations()
    ]
    error_fields = [field for _operation, fields in sections for field in fields if field.error]
    return render(
        request,
        "opendata/api_explorer.html",
        {
            "sections": sections,
            "error_fields": error_fields,
            "openapi_url": reverse("opendata_api:openapi-json"),
        },
        status=status,
    )


@require_safe
def api_explorer(request):
    return _render(request)


@require_safe
def try_operation(request):
    """Send the visitor to the request their form describes, or back to the form (400) when
    a path parameter is missing."""
    operation = _operation(request.GET.get("operation", ""))
    if operation is None:
        raise Http404("No such API operation.")
    values = {
        parameter.name: " ".join(request.GET.get(parameter.name, "").split())
        for parameter in operation.parameters
    }
    errors = {
        parameter.name: _("Enter %(name)s: the id of a record, from a list of the API.")
        % {"name": parameter.name}
        for parameter in operation.path_parameters
        if not values[parameter.name]
    }
    if errors:
        return _render(request, chosen=operation, values=values, errors=errors, status=400)
    return redirect(operation.url(values))
