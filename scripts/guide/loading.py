"""Read a YAML data file and check it against its JSON Schema.

Problems come back as `Problem`s that name the file, the entry (by its `id`
where it has one), the field and the line, never as a traceback.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from guide.problems import DataError, Problem

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def validator(name: str, definition: str | None = None) -> jsonschema.Draft202012Validator:
    """A validator for `data/schemas/<name>.schema.json`, or for one of its `$defs`.

    Built once per version of the file (mkdocs serve picks up edits), with the schema's local `$ref`s
    written out in place: jsonschema resolves a `$ref` on every use, which doubled the validation time."""
    return _validator(name, definition, (SCHEMA_DIR / f"{name}.schema.json").stat().st_mtime_ns)


@cache
def _validator(name: str, definition: str | None, _version: int) -> jsonschema.Draft202012Validator:
    full = schema(name)
    defs = full.get("$defs", {})
    return jsonschema.Draft202012Validator(_inline_refs(defs[definition] if definition else full, defs))


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every `{"$ref": "#/$defs/x", ...}` replaced by x (plus its own keywords). Our schemas
    do not refer to themselves recursively, so this ends."""
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    own = {key: _inline_refs(value, defs) for key, value in node.items() if key not in ("$ref", "$defs")}
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return {**_inline_refs(defs[ref.removeprefix("#/$defs/")], defs), **own}
    return own


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema `data/schemas/<name>.schema.json`."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def read_text(path: Path, label: str) -> str:
    """A data file's text; a missing or unreadable file is a `DataError` naming it, not a traceback."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(label, "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(label, f"cannot be read ({exc})")]) from None


def load_yaml(path: Path, label: str) -> tuple[Any, yaml.Node | None]:
    """Parse `path`; return the data and its node tree (for line numbers)."""
    text = read_text(path, label)
    # Parse once into nodes (kept for line numbers), then build the data from them; libyaml when present.
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataError([Problem(label, f"YAML syntax error: {reason}", line=line)]) from None
    finally:
        loader.dispose()


def line_of(node: yaml.Node | None, path: list[str | int]) -> int | None:
    """1-based line of the value at `path` in a composed YAML tree, as near as it can be found."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def entry_label(key: str, index: int, item: Any) -> str:
    """How messages name an entry of a list: "engines[3] (id 'vllm')", or "engines[3]" without an id."""
    ident = item.get("id") if isinstance(item, dict) else None
    return f"{key}[{index}]" + (f" (id '{ident}')" if ident else "")


def entry_problem(label: str, nodes: yaml.Node | None, key: str, index: int, item: Any, field: str, message: str, *path: Any) -> Problem:
    """A problem with entry `key[index]`, at the line of `key[index].path` in the file's node tree."""
    return Problem(label, message, entry=entry_label(key, index, item), field=field, line=line_of(nodes, [key, index, *path]))


def entry_name(data: Any, path: list[str | int]) -> tuple[str | None, list[str | int]]:
    """Split a path into the entry it is in (named by id) and the field inside that entry."""
    if len(path) >= 2 and isinstance(path[1], int) and isinstance(data, dict):
        items = data.get(path[0])
        item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
        return entry_label(path[0], path[1], item), path[2:]
    if len(path) >= 2 and path[0] == "repos":
        return f"repo '{path[1]}'", path[2:]
    return None, path


def _expected(error: jsonschema.ValidationError) -> str:
    """Say what the schema wanted, in words a maintainer can act on."""
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    if error.validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        unknown = [k for k in error.instance if k not in known]
        return (
            f"unknown field {', '.join(map(repr, unknown))}, expected only {', '.join(known)}"
            " (text with commas inside {...} must be quoted)"
        )
    got = json.dumps(error.instance, default=str)
    if len(got) > 60:
        got = got[:57] + "..."
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator == "enum":
        wanted = ", ".join(json.dumps(v) for v in error.validator_value)
        return f"got {got}, expected one of {wanted}"
    if error.validator == "type":
        hint = " (quote dates in YAML)" if "date" in type(error.instance).__name__ else ""
        return f"got {got}, expected {error.validator_value}{hint}"
    if description:
        return f"got {got}, expected {description[0].lower()}{description[1:]}"
    return f"got {got}: {error.message}"


def _closest_branch_error(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For a failed oneOf, the error of the branch the value was evidently meant for.

    A mapping was meant for the object branch, so its field errors say more than
    "is not one of true, false"; a scalar was meant for the scalar branch.
    """
    scalar_kinds = ("type", "enum", "const")
    meant_for_object = isinstance(error.instance, (dict, list))
    for candidate in sorted(error.context, key=lambda e: -len(e.absolute_path)):
        if (candidate.validator not in scalar_kinds) == meant_for_object:
            return candidate
    return error


def validate_against_schema(data: Any, tree: yaml.Node | None, schema_name: str, label: str) -> list[Problem]:
    problems = []
    for error in sorted(validator(schema_name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        if error.validator == "oneOf" and error.context:
            error = _closest_branch_error(error)
        path = list(error.absolute_path)
        entry, field = entry_name(data, path)
        problems.append(
            Problem(
                label,
                _expected(error),
                entry=entry,
                field=".".join(map(str, field)) or None,
                line=line_of(tree, path),
            )
        )
    return problems


def load_checked(path: Path, schema_name: str, label: str) -> tuple[Any, yaml.Node | None]:
    """Load a data file and raise `DataError` if it breaks its schema."""
    data, tree = load_yaml(path, label)
    problems = validate_against_schema(data, tree, schema_name, label)
    if problems:
        raise DataError(problems)
    return data, tree
