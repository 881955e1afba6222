"""The API's documentation as data for the /docs page, read from the app's own OpenAPI document
(FastAPI's default docs page loads its scripts from elsewhere; this one is served by the app)."""

from __future__ import annotations

from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def _type(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A schema in a few words: "string", "integer | null", "Upload" ..."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type(s, components) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"array of {_type(schema.get('items', {}), components)}"
    return str(schema.get("type", "any"))


def _fields(schema: dict[str, Any], components: dict[str, Any]) -> list[tuple[str, str]]:
    """The fields of an object schema (a $ref followed once), as (name, type)."""
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return [(name, _type(s, components)) for name, s in schema.get("properties", {}).items()]


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the OpenAPI document: method, path, summary, description, parameters,
    request body fields and responses."""
    components = spec.get("components", {}).get("schemas", {})
    out = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {})
            body_fields = [f for media in body.values() for f in _fields(media.get("schema", {}), components)]
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _type(p.get("schema", {}), components),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": body_fields,
                    "responses": [
                        {"status": status, "description": r.get("description", "")}
                        for status, r in op.get("responses", {}).items()
                    ],
                }
            )
    return out
