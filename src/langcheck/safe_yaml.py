"""YAML for langcheck's own files (config, glossaries): the safe loader, minus what can hang it.

A contributor controls these files in a pull request, so besides the safe loader's refusal of
`!!python/...` tags this loader refuses:
- aliases (`*name`): a few hundred bytes of nested aliases expand to gigabytes once a value is
  turned into text ("billion laughs"); langcheck files never need them;
- nesting deeper than `MAX_DEPTH`: the composer recurses, and 5,000 levels overflow Python's stack;
- integers with more digits than Python converts (`sys.get_int_max_str_digits()`).

Every refusal is a `yaml.MarkedYAMLError`, so callers report it with its line like any YAML error.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 100


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{event.anchor}) are not allowed in langcheck files", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node: yaml.Node) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # Python refuses to convert integers of thousands of digits
            raise yaml.constructor.ConstructorError(
                None, None, f"integer too long ({len(str(node.value))} characters)", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def compose_and_load(text: str) -> tuple[yaml.Node | None, Any]:
    """The root node (for line numbers) and the data of a one-document YAML text."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data
