"""YAML the way a definition file needs it: safe, exact decimals, line numbers, no duplicate keys, no aliases."""

from collections.abc import Hashable
from decimal import Decimal, InvalidOperation

import yaml
from django.utils.translation import gettext as _


class LineMapping(dict):
    """A YAML mapping that remembers the line it starts on, so errors can point at it."""

    line: int | None = None


class DefinitionLoader(yaml.SafeLoader):
    """PyYAML's safe loader with three changes: floats are Decimals, mappings know their line, aliases are refused.

    An alias (`*name`) repeats an anchored node: nine lines of nested aliases expand to a billion values (the
    "billion laughs"), and an error message that prints such a value never ends. A definition file writes
    every value out, so the composer refuses the first alias before anything is expanded.
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, _("aliases (*%(name)s) are not allowed; write the value out") % {"name": event.anchor},
                event.start_mark)
        return super().compose_node(parent, index)


def _construct_decimal(loader: DefinitionLoader, node: yaml.ScalarNode) -> Decimal:
    """A YAML float as an exact Decimal from its text: 0.3333 is Decimal('0.3333'), never a binary float."""
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        # .inf, .nan and sexagesimal floats: let PyYAML read them; validation rejects what is not money.
        return Decimal(repr(loader.construct_yaml_float(node)))


def _construct_mapping(loader: DefinitionLoader, node: yaml.MappingNode) -> LineMapping:
    """A mapping with its line number; a key given twice is an error instead of silently the last one."""
    loader.flatten_mapping(node)
    mapping = LineMapping()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, "found an unhashable key", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, f"found duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


DefinitionLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
DefinitionLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def load_yaml(text: str):
    """The one document in `text`, read with `DefinitionLoader` (raises yaml.YAMLError)."""
    loader = DefinitionLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def describe_yaml_error(error: yaml.YAMLError) -> str:
    """A one-line message for a YAML syntax error, with the line and column where it was found."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is None:
        return _("invalid YAML: %(problem)s") % {"problem": problem}
    return _("line %(line)d, column %(column)d: invalid YAML: %(problem)s") % {
        "line": mark.line + 1,
        "column": mark.column + 1,
        "problem": problem,
    }
