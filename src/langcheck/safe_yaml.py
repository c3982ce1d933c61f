"""YAML for langcheck's own files (config, glossaries): the safe loader, minus what can hang it.

A contributor controls these files in a pull request, so besides the safe loader's refusal of
`!!python/...` tags this loader refuses:
- aliases (`*name`): a few hundred bytes of nested aliases expand to gigabytes once a value is
  turned into text ("billion laughs"); langcheck files never need them;
- nesting deeper than `MAX_DEPTH`: the composer recurses, and 5,000 levels overflow Python's stack;
- integers with more digits than Python converts (`sys.get_int_max_str_digits()`).

Every refusal is a `yaml.MarkedYAMLError`, so callers report it with its line like any YAML error.

With libyaml (PyYAML's C extension) a text is first read in C: ten times faster (the shipped
glossaries: about 185 ms in Python, 20 ms in C, on every run). The C parser's events are
checked for aliases and depth before anything is composed, and whatever the C path refuses
or fails on is read again in Python, so refusals and error messages are the Python loader's.
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


def _construct_int(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> int:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:  # Python refuses to convert integers of thousands of digits
        raise yaml.constructor.ConstructorError(
            None, None, f"integer too long ({len(str(node.value))} characters)", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def compose_and_load(text: str) -> tuple[yaml.Node | None, Any]:
    """The root node (for line numbers) and the data of a one-document YAML text."""
    if _CLoader is not None:
        try:
            if _plain_and_shallow(text):
                return _load(_CLoader(text))
        except (yaml.YAMLError, ValueError, RecursionError):
            pass  # the Python loader below says what is wrong, in its words
    return _load(_Loader(text))


def _load(loader: Any) -> tuple[yaml.Node | None, Any]:
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data


def _plain_and_shallow(text: str) -> bool:
    """Whether the C parser's events hold no alias and no node deeper than MAX_DEPTH (the two
    things `_Loader` refuses while composing, which the C composer would not)."""
    level = 0
    for event in yaml.parse(text, Loader=_CLoader):
        if isinstance(event, yaml.AliasEvent):
            return False
        if isinstance(event, yaml.CollectionStartEvent):
            level += 1
            if level > MAX_DEPTH:
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            level -= 1
        elif isinstance(event, yaml.ScalarEvent) and level + 1 > MAX_DEPTH:
            return False
    return True


_CLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        pass

    _CLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
