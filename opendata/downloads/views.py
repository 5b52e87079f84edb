"""Serve the downloads as the build wrote them, to anyone, from any site (CORS `*`)."""

import os

from django.http import FileResponse
from django.shortcuts import render
from django.utils.http import http_date
from django.views.decorators.http import condition, require_safe

from opendata.downloads.build import download_file


def _generated_at(request, name):
    file = download_file(name)
    return file.generated_at if file else None


def _open(file):
    try:
        return file.path.open("rb") if file else None
    except FileNotFoundError:
        return None


@require_safe
@condition(last_modified_func=_generated_at)
def download(request, name):
    """The file, or a page saying it has not been generated yet."""
    file = download_file(name)
    handle = _open(file)
    if handle is None:
        response = render(request, "opendata/download_missing.html", {"name": name}, status=404)
    else:
        response = FileResponse(
            handle, content_type=file.content_type, as_attachment=True, filename=file.name
        )
        # The time of the file opened: the build may have replaced the one looked at first.
        response["Last-Modified"] = http_date(os.fstat(handle.fileno()).st_mtime)
    response["Access-Control-Allow-Origin"] = "*"
    return response
