"""The OpenAPI schema documents every endpoint; the documentation page needs no CDN."""

import re

import pytest
import yaml
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def _api_v1_routes(patterns=None, prefix=""):
    """(OpenAPI path, methods) of every view reachable under /api/v1/."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _api_v1_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/v1/"):
            if r"\.(?P<format>" in route:
                continue
            path = "/" + re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route).replace("\\", "")
            path = path.replace("{pk}", "{id}")  # as drf-spectacular names a primary key
            actions = getattr(pattern.callback, "actions", None)
            methods = set(actions) if actions else HTTP_METHODS
            view_class = getattr(pattern.callback, "cls", None)
            if view_class is not None:
                methods &= set(view_class.http_method_names)
            yield path, methods - {"head", "options"}


def _schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_endpoint_is_in_the_schema():
    paths = _schema()["paths"]
    routes = list(_api_v1_routes())
    assert len(routes) >= 10
    for path, methods in routes:
        assert path in paths, f"{path} is not documented in the schema"
        assert methods <= set(paths[path]), f"{path}: {methods - set(paths[path])} undocumented"


def test_the_schema_is_valid_openapi():
    validate_schema(_schema())


def test_schema_is_served_as_yaml_and_as_json(client):
    as_yaml = client.get("/api/schema/")
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.content)["openapi"].startswith("3.")
    as_json = client.get("/api/schema/", {"format": "json"})
    assert as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert as_json.json()["info"]["title"] == "ASEM Customs Meetings API"
    assert "/api/v1/meetings/{slug}/agenda/" in as_json.json()["paths"]


def test_docs_page_loads_everything_from_the_site(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert len(scripts) == 3
    assert all('src="/' in attributes and not body.strip() for attributes, body in scripts)
    assert "<style" not in page
    assert "http" not in " ".join(re.findall(r'(?:src|href)="([^"]*)"', page))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    bundle = client.get(re.search(r'<script src="([^"]*swagger-ui-bundle.js)"', page)[1])
    assert bundle.status_code == 200
    bundle.close()
