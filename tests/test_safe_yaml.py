"""safe_yaml: the C fast path reads what the Python loader reads, and refuses what it refuses."""

from __future__ import annotations

import pytest
import yaml

from langcheck import safe_yaml
from langcheck.glossary import default_glossary_paths

needs_libyaml = pytest.mark.skipif(safe_yaml._CLoader is None, reason="PyYAML built without libyaml")


def _python_only(text: str):
    return safe_yaml._load(safe_yaml._Loader(text))


def _shape(node: yaml.Node | None) -> object:
    """A node tree as (tag, value or children, line), to compare the two loaders' nodes."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        return (node.tag, [(_shape(k), _shape(v)) for k, v in node.value], node.start_mark.line)
    return (node.tag, [_shape(item) for item in node.value], node.start_mark.line)


TEXTS = [
    "languages: [de, en]\nsource: en\nseverity:\n  LC102: error\nmax_file_mb: 2.5\ncache: false\n",
    "terms:\n  - id: a\n    en: [Joint Committee]\n    ru: [Совместный комитет]\n    de: 'Gemischter Ausschuss'\n",
    "# only a comment\n",
    "",
    "glossaries:\n  - ../a.yaml\n  - ~/b.yaml\nexclude: ['drafts/*']\nnumber: 0x1F\nwhen: 2020-11-25\n",
    "a: " + "[" * 98 + "1" + "]" * 98 + "\n",  # 100 levels (mapping, 98 lists, scalar): the most allowed
]


@needs_libyaml
@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8") for p in default_glossary_paths() if p.suffix == ".yaml"])
def test_the_c_path_gives_the_python_loaders_nodes_and_data(text: str) -> None:
    assert safe_yaml._plain_and_shallow(text)
    root, data = safe_yaml.compose_and_load(text)
    py_root, py_data = _python_only(text)
    assert (data, _shape(root)) == (py_data, _shape(py_root))


@pytest.mark.parametrize(
    "text, problem",
    [
        ("a: &x [1]\nb: *x\n", "aliases (*x) are not allowed in langcheck files"),
        ("a: " + "[" * 99 + "1" + "]" * 99 + "\n", "nested deeper than 100 levels"),
        ("terms: " + "[" * 5000 + "\n", "nested deeper than 100 levels"),
        ("n: " + "9" * 5000 + "\n", "integer too long (5000 characters)"),
        ("a: [1\nb: 2\n", "expected ',' or ']', but got ':'"),
        ("severity:\n\tLC101: info\n", "found character '\\t' that cannot start any token"),
        ("a: !!python/object/apply:os.system ['true']\n", "could not determine a constructor"),
    ],
    ids=["alias", "101-levels", "5000-levels", "5000-digits", "syntax", "tab", "python-tag"],
)
def test_refusals_are_the_python_loaders_with_its_line(text: str, problem: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as fast:
        safe_yaml.compose_and_load(text)
    with pytest.raises(yaml.MarkedYAMLError) as slow:
        _python_only(text)
    assert problem in str(fast.value.problem)
    assert (fast.value.problem, fast.value.problem_mark.line) == (slow.value.problem, slow.value.problem_mark.line)
