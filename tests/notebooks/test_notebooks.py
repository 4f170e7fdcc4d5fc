"""The notebooks in notebooks/: stored without outputs, executed headless with the uforklab kernel, no error output,
key numbers as expected (scripts/notebooks.py does the work; ./uforklab notebooks is the same from the command line).

Run by `./uforklab test` (after Maven) with a kernelspec on JUPYTER_PATH. The executed notebooks and their HTML go
to target/notebooks/ for reading offline (a CI artifact).
"""
import json
import os
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import notebooks as runner  # noqa: E402  (scripts/notebooks.py)

PATHS = runner.notebook_paths()
OUT = ROOT / "target" / "notebooks"


# ---------------------------------------------------------------------------------------------------- stored form

def test_there_are_notebooks():
    names = [p.stem for p in PATHS]
    for expected in ("00-quickstart", "10-capabilities", "20-machine-and-kernel", "30-fork-strategies",
                     "40-redis-fork-latency", "55-microbenchmarks", "60-isolation", "70-cost-model"):
        assert expected in names


def test_stored_notebooks_have_no_outputs():
    assert runner.check_stored(PATHS) == []


def test_every_expectation_file_belongs_to_a_notebook():
    stems = {p.stem for p in PATHS}
    for e in (ROOT / "notebooks").glob("*.expect.json"):
        assert e.name[: -len(".expect.json")] in stems, e
        data = json.loads(e.read_text(encoding="utf-8"))
        assert data["keys"], e


def code_cell(source, outputs=(), tags=()):
    c = nbformat.v4.new_code_cell(source)
    c.outputs = [nbformat.from_dict(o) for o in outputs]
    if tags:
        c.metadata["tags"] = list(tags)
    return c


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "uforklab", "display_name": "uforklab (Java)", "language": "java"}
    nb.cells = list(cells)
    return nb


def test_stored_form_problems_are_named():
    nb = notebook(code_cell("1 + 1", [{"output_type": "execute_result", "execution_count": 1, "data": {"text/plain": "2"},
                                       "metadata": {}}]))
    nb.cells[0].execution_count = 1
    nb.metadata["kernelspec"]["name"] = "python3"
    problems = runner.stored_problems(nb, "x.ipynb")
    assert len(problems) == 3
    assert "kernelspec is 'python3'" in problems[0] and "1 output(s)" in problems[1] and "execution_count 1" in problems[2]
    clean = runner.strip_outputs(nb)
    clean.metadata["kernelspec"]["name"] = "uforklab"
    assert runner.stored_problems(clean, "x.ipynb") == []


# ---------------------------------------------------------------------------------------------------- executed form

ERROR = {"output_type": "error", "ename": "ArchitecturalFault", "evalue": "Data abort", "traceback": ["\x1b[31mboom\x1b[0m"]}


def test_errors_only_where_a_cell_says_so():
    nb = notebook(code_cell("a", [ERROR]), code_cell("b", [ERROR], tags=["raises-exception"]),
                  code_cell("c", [], tags=["raises-exception"]),
                  code_cell("d", [{"output_type": "stream", "name": "stderr", "text": "warning\n"}]))
    problems = runner.output_problems(nb, "n.ipynb")
    assert len(problems) == 3
    assert "cell 0 raised ArchitecturalFault" in problems[0] and "boom" in problems[0] and "\x1b" not in problems[0]
    assert "cell 2 is tagged raises-exception but raised nothing" in problems[1]
    assert "cell 3 wrote to stderr" in problems[2]


def keys_output(keys):
    return {"output_type": "display_data", "metadata": {},
            "data": {runner.KEYS_MIME: {k: {"value": v, "unit": "µs"} for k, v in keys.items()}, "text/plain": "keys"}}


def test_key_numbers_are_collected_from_every_cell():
    nb = notebook(code_cell("a", [keys_output({"a": 1.5})]), code_cell("b", [keys_output({"b": 2, "a": 1.5})]))
    assert runner.collect_keys(nb, "n") == {"a": {"value": 1.5, "unit": "µs"}, "b": {"value": 2.0, "unit": "µs"}}
    clash = notebook(code_cell("a", [keys_output({"a": 1.5})]), code_cell("b", [keys_output({"a": 1.6})]))
    with pytest.raises(runner.NotebookFailure, match="'a' is 1.5 in cell 0 but 1.6 in cell 1"):
        runner.collect_keys(clash, "n")


def test_comparison_with_expectations():
    expect = {"tolerance": {"rel": 1e-9, "abs": 1e-12},
              "keys": {"same": {"value": 2.5}, "drifted": {"value": 100}, "loose": {"value": 10, "rel": 0.1},
                       "gone": {"value": 1}}}
    got = {"same": {"value": 2.5}, "drifted": {"value": 100.001}, "loose": {"value": 10.9}, "new": {"value": 7}}
    rows = runner.compare(expect, {k: dict(v, unit="") for k, v in got.items()})
    assert [r[0] for r in rows] == ["drifted", "gone", "new"]
    assert "differs by +0.001" in rows[0][3] and rows[1][3] == "not shown by the notebook" and rows[2][3] == "new: no expectation"
    table = runner.format_diff(rows)
    assert "drifted" in table and "100.001" in table and "-" in table
    assert runner.compare(expect, {k: {"value": v["value"], "unit": ""} for k, v in expect["keys"].items()}) == []


def test_update_keeps_tolerances_set_by_hand(tmp_path):
    old = {"about": "mine", "tolerance": {"rel": 0.01}, "keys": {"a": {"value": 1.0, "unit": "", "rel": 0.5}, "b": {"value": 2}}}
    new = runner.updated_expectations(old, {"a": {"value": 3.0, "unit": "ms"}, "c": {"value": 4.25, "unit": ""}}, "n.ipynb")
    assert new["about"] == "mine" and new["tolerance"] == {"rel": 0.01}
    assert new["keys"] == {"a": {"value": 3, "unit": "ms", "rel": 0.5}, "c": {"value": 4.25, "unit": ""}}
    path = tmp_path / "n.expect.json"
    runner.write_expectations(path, new)
    text = path.read_text(encoding="utf-8")
    assert '"a": {"value": 3, "unit": "ms", "rel": 0.5},' in text  # one key per line, counts without ".0"
    assert runner.load_expectations(path) == new


# ---------------------------------------------------------------------------------------------------- execution

@pytest.fixture(scope="module")
def registered():
    return runner.registered_experiments()


@pytest.fixture(scope="module")
def full_jit_kernel(tmp_path_factory):
    """The kernelspec on JUPYTER_PATH, compiling with C2 too (as `uforklab notebooks` runs it), for this module only."""
    saved = os.environ.get("JUPYTER_PATH")
    runner.use_full_jit_kernel(tmp_path_factory.mktemp("jupyter"))
    yield
    if saved is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = saved


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_executes_and_matches_its_expectations(path, registered, full_jit_kernel):
    nb = nbformat.read(str(path), as_version=4)
    missing = [r for r in runner.requirements(nb) if r not in registered]
    if missing:
        pytest.skip("%s needs experiment(s) %s, not registered in this build" % (path.name, ", ".join(missing)))
    status, secs, messages, cpu = runner.run_notebook(path, OUT, update=False, timeout=int(os.environ.get("UFORKLAB_CELL_TIMEOUT", "900")))
    print("%s: %s in %.1f s (kernel CPU %.1f s)" % (path.name, status, secs, cpu))
    assert status == "passed", "\n".join(messages)
    assert (OUT / path.name).exists() and (OUT / "html" / (path.stem + ".html")).exists()
