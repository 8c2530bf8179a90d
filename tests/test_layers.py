"""The layers of skgan point down: no import cycles, no private names across packages,
no torch under the metrics.

The imports are read from the source files with :mod:`ast`; no skgan module is
imported, so a broken or slow import cannot hide a violation.

Rules
-----
Modules and packages
    Every ``.py`` file under ``skgan/`` is a module, named as Python names it
    (``skgan/metrics/_leakage.py`` is ``skgan.metrics._leakage``,
    ``skgan/metrics/__init__.py`` is ``skgan.metrics``). A module's *package*
    is the folder that holds its file: ``skgan`` (the top-level modules,
    ``cli`` and ``plotting`` among them), ``skgan.datasets``,
    ``skgan.experiments`` and ``skgan.metrics``. A package's ``__init__`` is in
    the package it starts.

Import edges (rule a)
    Every ``import`` and ``from ... import`` of a skgan module counts, wherever
    it stands: at module level, under ``if`` or ``try``, inside a function. A
    function-level import only moves a cycle to the first call; the two
    modules still cannot be read, tested or moved apart. ``from P import name``
    depends on the submodule ``P.name`` when there is one, and on ``P`` itself
    when ``name`` is something ``P`` defines. Importing ``P.sub`` also runs the
    ``__init__`` of every package on its way, so it depends on those too,
    except on the importer's own enclosing packages: Python runs
    ``skgan/__init__.py`` before any ``skgan.x`` whoever imports it, and
    counting that would make every package a cycle with its own ``__init__``.

Private names across packages (rule b)
    No name that starts with ``_`` (dunders such as ``__version__`` excepted)
    may be imported from a module of another package. The module's own file
    name does not matter: ``from skgan.experiments._report import
    BENCHMARK_METRICS`` is fine, ``from skgan.experiments._classifiers import
    _split_columns`` is not. A module imported as a name (``from
    skgan.experiments import _report``, ``import skgan._x as x``) is held to
    the same rule through its attributes: ``_report.benchmark_parts`` is fine,
    ``_report._sections`` would not be. What a package exports for its
    neighbours is public; a leading underscore says "this package only".

Private attributes across packages (rule b, on objects)
    ``obj._name`` (``obj`` not ``self``, ``cls`` or ``super()``, and not a name
    imported from outside skgan, such as imblearn's ``BaseOverSampler``) is a
    reach-in when ``_name`` is defined (``def``, ``class``, assigned, or stored
    as an attribute) only in packages other than the accessing module's. The
    owner's package may reach in; the others use a public name.

Torch and the metrics (rule c)
    No module of ``skgan.metrics`` imports torch, at any level, and none
    imports, at module level and through any chain of skgan modules imported
    at module level, a module that imports torch at module level. Metrics
    compare tables from any sampler and must not need the GAN's engine. (The
    implicit parent import is left out as above: ``import skgan.metrics``
    still runs ``skgan/__init__.py``, which imports ``GANSampler``; that is
    the package's entry point, not the metrics' dependency.)
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "skgan"

# Reach-ins of rule b on objects that are allowed, as (module, attribute): none.
# (ScreenedSampler once drew through GANSampler._resample; candidates are a
# public GANSampler parameter now.)
ALLOWED_ATTRIBUTES = set()


@dataclass
class Module:
    """What the checks need to know about one source file."""

    name: str
    path: Path
    is_package: bool
    tree: ast.Module = field(repr=False)

    @property
    def package(self):
        return self.name if self.is_package else self.name.rpartition(".")[0]

    @property
    def enclosing(self):
        """The packages whose ``__init__`` Python runs before this module: no edges to them."""
        parts = self.package.split(".")
        return {".".join(parts[: i + 1]) for i in range(len(parts))}


@dataclass(frozen=True)
class Edge:
    """One import of a skgan module: ``source`` depends on ``target``."""

    source: str
    target: str
    where: str  # file:line
    module_level: bool


def read_modules(root):
    """Every module under the package folder ``root``, by dotted name."""
    root = Path(root)
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = (root.name, *path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        # paths as the messages print them: from the folder that holds the package
        modules[name] = Module(name, path.relative_to(root.parent), is_package, tree)
    return modules


def _module_level_nodes(tree):
    """The nodes that run when the module is imported (class bodies do, function bodies do not)."""
    todo = list(ast.iter_child_nodes(tree))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        yield node
        todo.extend(ast.iter_child_nodes(node))


def _base(module, node):
    """The absolute dotted name of the module a ``from`` import names (``None``: ``import``)."""
    if isinstance(node, ast.Import):
        return None
    if node.level == 0:
        return node.module
    parts = module.package.split(".")
    if node.level > 1:
        parts = parts[: -(node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts)


def imports(module, modules):
    """Each skgan import in ``module`` as ``(node, target, names)``.

    ``names`` maps each bound alias to the submodule it binds, or to ``None``
    when it binds a name the target defines.
    """
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    # `import a.b` binds `a`, but its attributes are read as `a.b.x`:
                    # the dotted name is what _attributes matches
                    bound = alias.asname or alias.name
                    yield node, alias.name, {(bound, alias.name): alias.name}
        elif isinstance(node, ast.ImportFrom):
            target = _base(module, node)
            if target in modules:
                names = {}
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    names[(alias.asname or alias.name, alias.name)] = (
                        sub if sub in modules else None
                    )
                yield node, target, names


def edges(modules):
    """Every import edge between skgan modules (see the rules in the module docstring)."""
    found = []
    for module in modules.values():
        top = set(map(id, _module_level_nodes(module.tree)))
        for node, target, names in imports(module, modules):
            where = f"{module.path}:{node.lineno}"
            parts = target.split(".")
            # the packages on the way run their __init__, unless they enclose the importer
            needed = {".".join(parts[: i + 1]) for i in range(len(parts) - 1)}
            needed -= module.enclosing
            defines = isinstance(node, ast.Import) or None in names.values()
            if defines or target not in module.enclosing:
                needed.add(target)  # a name `target` defines, or its __init__ on the way
            needed.update(sub for sub in names.values() if sub is not None)
            for other in sorted(needed):
                if other != module.name and other in modules:
                    found.append(Edge(module.name, other, where, id(node) in top))
    return found


def find_cycles(graph):
    """Cycles (lists of nodes, first repeated last): a shortest one through each node on one.

    ``graph`` maps each node to the nodes it points to. Tarjan's algorithm,
    iterative so that a deep graph cannot hit the recursion limit.
    """
    index, low, stack, on_stack, components = {}, {}, [], set(), []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    cycles = []
    for component in components:
        members = set(component)
        if len(members) == 1 and component[0] not in graph.get(component[0], ()):
            continue
        # a shortest cycle through each member, so that every loop to cut shows
        for member in sorted(members):
            cycle = _shortest_cycle(graph, member, members)[:-1]
            start = cycle.index(min(cycle))  # one rotation of each cycle
            cycle = cycle[start:] + cycle[:start]
            if cycle + cycle[:1] not in cycles:
                cycles.append(cycle + cycle[:1])
    return sorted(cycles)


def _shortest_cycle(graph, first, members):
    """A shortest path from ``first`` back to itself through ``members`` (breadth first)."""
    previous, frontier = {}, [first]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph.get(node, ())):
                if child == first:
                    path = [node]
                    while path[-1] != first:
                        path.append(previous[path[-1]])
                    return [*reversed(path), first]
                if child in members and child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"{first} is in no cycle")  # unreachable for a component's member


def cycle_report(found):
    """The import cycles among ``found`` edges, one text per cycle with each edge's file:line."""
    graph, where = {}, {}
    for edge in found:
        graph.setdefault(edge.source, set()).add(edge.target)
        where.setdefault((edge.source, edge.target), edge.where)
    return [
        " -> ".join(cycle)
        + "".join(f"\n    {a} -> {b}  ({where[a, b]})" for a, b in zip(cycle, cycle[1:]))
        for cycle in find_cycles(graph)
    ]


def _private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _attributes(module, modules):
    """``(node, module)`` for each attribute read on a name bound to a skgan module."""
    bound = {}
    for _, _, names in imports(module, modules):
        for (alias, _), sub in names.items():
            if sub is not None:
                bound[alias] = sub
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Attribute):
            prefix = ast.unparse(node.value)
            if prefix in bound:
                yield node, bound[prefix]


def private_imports(modules):
    """``file:line: what`` for each private name imported across packages."""
    found = []
    for module in modules.values():
        for node, target, names in imports(module, modules):
            for (_, imported), sub in names.items():
                owner = modules[sub or target].package
                if sub is None and owner != module.package and _private(imported):
                    found.append(f"{module.path}:{node.lineno}: {imported} from {target}")
        for node, target in _attributes(module, modules):
            if modules[target].package != module.package and _private(node.attr):
                found.append(f"{module.path}:{node.lineno}: {node.attr} of {target}")
    return found


def _outside_names(module, modules):
    """Names bound by imports from outside skgan (their private attributes are not ours)."""
    names = set()
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and _base(module, node) not in modules:
            names.update(a.asname or a.name for a in node.names)
    return names


def _attributes_defined(tree):
    """Private names an object can carry: class members and attribute stores.

    A module-level ``def _f`` is not one (modules are held to rule b through
    their imports), so a same-named function elsewhere hides no reach-in.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    yield from filter(_private, [statement.name])
                elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
                    targets = getattr(statement, "targets", None) or [statement.target]
                    yield from (
                        t.id for t in targets if isinstance(t, ast.Name) and _private(t.id)
                    )
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            yield from filter(_private, [node.attr])


def private_attributes(modules, allowed=frozenset()):
    """``file:line: what`` for each ``obj._name`` read of a name only other packages define."""
    owners = {}  # private attribute name -> packages whose classes or objects define it
    for module in modules.values():
        for name in _attributes_defined(module.tree):
            owners.setdefault(name, set()).add(module.package)
    found = []
    for module in modules.values():
        outside = _outside_names(module, modules)
        for node in ast.walk(module.tree):
            if not (isinstance(node, ast.Attribute) and _private(node.attr)):
                continue
            base = node.value
            if isinstance(base, ast.Name) and base.id in {"self", "cls", *outside}:
                continue
            if isinstance(base, ast.Call) and ast.unparse(base.func) == "super":
                continue
            packages = owners.get(node.attr, set())
            if (
                packages
                and module.package not in packages
                and (module.name, node.attr) not in allowed
            ):
                found.append(
                    f"{module.path}:{node.lineno}: {ast.unparse(node)} "
                    f"(defined in {', '.join(sorted(packages))})"
                )
    return found


def _imports_torch(nodes):
    """The first of ``nodes`` that imports torch, or ``None``."""
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] == "torch" for name in names):
            return node
    return None


def torch_reach(modules, package):
    """For each module of ``package`` that needs torch, the chain of imports that leads to it."""
    graph = {}
    for edge in edges(modules):
        if edge.module_level:
            graph.setdefault(edge.source, []).append(edge)
    found = []
    for name in sorted(modules):
        module = modules[name]
        if module.package != package:
            continue
        direct = _imports_torch(ast.walk(module.tree))
        if direct is not None:
            found.append(f"{module.path}:{direct.lineno}: imports torch")
            continue
        previous, frontier = {name: None}, [name]
        while frontier:
            following = []
            for node in frontier:
                hit = _imports_torch(_module_level_nodes(modules[node].tree))
                if hit is not None:
                    chain = [f"{modules[node].path}:{hit.lineno}: imports torch"]
                    while previous[node] is not None:
                        chain.append(previous[node].where + f": imports {node}")
                        node = previous[node].source
                    found.append("\n    ".join([f"{name} needs torch:", *reversed(chain)]))
                    following = []
                    break
                for edge in graph.get(node, ()):
                    if edge.target not in previous:
                        previous[edge.target] = edge
                        following.append(edge.target)
            frontier = following
    return found


@pytest.fixture(scope="module")
def modules():
    return read_modules(ROOT)


def test_modules_are_read(modules):
    # a guard on the checks below: an empty or unparsed tree would pass them all
    assert {"skgan", "skgan._sampler", "skgan.metrics._leakage", "skgan.cli"} <= set(modules)
    assert len(edges(modules)) > 50


def test_no_import_cycles(modules):
    cycles = cycle_report(edges(modules))
    assert not cycles, "import cycles between skgan modules:\n" + "\n".join(cycles)


def test_no_private_names_across_packages(modules):
    found = private_imports(modules)
    assert not found, "private names imported across packages:\n" + "\n".join(found)


def test_no_private_attributes_across_packages(modules):
    found = private_attributes(modules, ALLOWED_ATTRIBUTES)
    assert not found, "private attributes read across packages:\n" + "\n".join(found)


def test_allowances_are_still_needed(modules):
    # an allowance that matches nothing any more must go, or it would hide the next reach-in
    for name, attribute in ALLOWED_ATTRIBUTES:
        others = ALLOWED_ATTRIBUTES - {(name, attribute)}
        assert any(
            f"{modules[name].path}:" in line for line in private_attributes(modules, others)
        ), f"{name} no longer reads {attribute}: remove it from ALLOWED_ATTRIBUTES"


def test_metrics_do_not_need_torch(modules):
    found = torch_reach(modules, "skgan.metrics")
    assert not found, "skgan.metrics needs torch:\n" + "\n".join(found)


# The checks themselves, on inputs where they must find something.


def test_find_cycles_on_a_synthetic_graph():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}, "f": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"], ["e", "e"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def _write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return read_modules(root)


def test_checks_on_a_synthetic_package(tmp_path):
    modules = _write(
        tmp_path / "pkg",
        {
            "__init__.py": "from ._core import Model\n",
            "_core.py": (
                "import torch\n\n"
                "class Model:\n"
                "    def _draw(self):\n"
                "        from .metrics._score import score\n"
                "        return score\n"
            ),
            "_leaf.py": "import numpy\n\ndef rows(x):\n    return x\n",
            "metrics/__init__.py": "from ._score import score\n",
            "metrics/_score.py": (
                "from .._core import Model\n"
                "from .._leaf import _hidden, rows\n\n"
                "def score(model):\n"
                "    return model._draw()\n"
            ),
            "metrics/_clean.py": "from .. import _leaf\n\ndef f():\n    return _leaf._x\n",
        },
    )
    found = edges(modules)
    cycles = cycle_report(found)
    # the function-level import in _core is an edge, to the submodule and to the
    # __init__ of pkg.metrics on its way
    assert [cycle.split("\n")[0] for cycle in cycles] == [
        "pkg._core -> pkg.metrics -> pkg.metrics._score -> pkg._core",
        "pkg._core -> pkg.metrics._score -> pkg._core",
    ]
    assert "pkg._core -> pkg.metrics._score  (pkg/_core.py:5)" in cycles[1]
    # `from .. import _leaf` depends on the submodule, not on pkg's own __init__
    assert {e.target for e in found if e.source == "pkg.metrics._clean"} == {"pkg._leaf"}

    private = private_imports(modules)
    assert sorted(line.split(": ", 1)[1] for line in private) == [
        "_hidden from pkg._leaf",
        "_x of pkg._leaf",
    ]
    assert private_attributes(modules) == ["pkg/metrics/_score.py:5: model._draw (defined in pkg)"]
    assert private_attributes(modules, {("pkg.metrics._score", "_draw")}) == []

    torch = torch_reach(modules, "pkg.metrics")
    assert [line.split(":")[0] for line in torch] == [
        "pkg.metrics needs torch",
        "pkg.metrics._score needs torch",
    ]
    assert "_score.py:1: imports pkg._core" in torch[1] and "_core.py:1: imports torch" in torch[1]
    # the function-level import in _core is no module-level chain back into metrics
    assert "_draw" not in torch[1]
