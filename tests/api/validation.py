"""The feed's JSON Schemas (tests/api/schemas/*.json, Draft 2020-12) and a validator that resolves their $refs."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).parent / "schemas"
BASE = "https://civhub.test/ooapi/v5/"


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text())
        Draft202012Validator.check_schema(schema)
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def validate(document, name: str) -> None:
    """Raise jsonschema.ValidationError unless `document` matches the schema `name` ("course_page", "problem"…)."""
    registry = _registry()
    schema = registry.contents(f"{BASE}{name}.json")
    Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        document
    )
