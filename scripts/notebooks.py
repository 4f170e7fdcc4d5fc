#!/usr/bin/python3
"""Executes the notebooks in notebooks/ headless with the uforklab kernel and checks them.

Run through the launcher, which writes the kernelspec into a per-run Jupyter directory first:

    ./uforklab notebooks [--update] [--jobs N] [--out DIR] [NAME ...]

For every notebook (NAME filters by file-name prefix, e.g. 40 or 40-redis-fork-latency):

1. the stored file must have no outputs and no execution counts, and name the uforklab kernel;
2. it is executed with nbclient; a cell may show an error only when it is tagged ``raises-exception`` (then it
   must: the fault it demonstrates is real), and no cell may write to stderr;
3. its key numbers -- the ``application/vnd.uforklab.keys+json`` outputs of ``KeyNumbers`` -- are compared with
   ``notebooks/NAME.expect.json``; differences are printed as a table and fail the run. ``--update`` writes the
   file from this run instead (keeping per-key tolerances set by hand);
4. the executed notebook and its HTML export are written to ``--out`` (default target/notebooks/).

A notebook whose metadata says ``"uforklab": {"requires": ["fig6"]}`` is skipped, with the reason printed, when
one of those experiments is not registered in this build (``uforklab list``).

Needs Debian's python3-nbclient, python3-nbconvert and python3-nbformat (run by /usr/bin/python3).
"""
import argparse
import concurrent.futures
import copy
import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL_NAME = "uforklab"
KEYS_MIME = "application/vnd.uforklab.keys+json"
ALLOW_ERROR_TAG = "raises-exception"
DEFAULT_REL = 1e-9
DEFAULT_ABS = 1e-12
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class NotebookFailure(Exception):
    """A notebook did not pass; the message says why (possibly several lines)."""


# ---------------------------------------------------------------------------------------------------- discovery

def notebook_paths(names=(), directory=NOTEBOOKS):
    """The notebooks in `directory`, sorted; `names` keeps those whose file name starts with one of them."""
    paths = sorted(p for p in Path(directory).glob("*.ipynb") if not p.name.startswith("."))
    if names:
        chosen = [p for p in paths if any(p.name.startswith(n) or p.stem == n for n in names)]
        unknown = [n for n in names if not any(p.name.startswith(n) or p.stem == n for p in paths)]
        if unknown:
            raise NotebookFailure("no notebook matches %s (there are: %s)" % (", ".join(unknown), ", ".join(p.stem for p in paths)))
        return chosen
    return paths


def expect_path(nb_path):
    return Path(nb_path).with_name(Path(nb_path).stem + ".expect.json")


def requirements(nb):
    return list(nb.metadata.get("uforklab", {}).get("requires", []))


def registered_experiments(launcher=ROOT / "uforklab"):
    """The experiment names `uforklab list` prints (first word of each unindented line)."""
    env = dict(os.environ, UFORKLAB_NO_BUILD=os.environ.get("UFORKLAB_NO_BUILD", "0"))
    out = subprocess.run([str(launcher), "list"], capture_output=True, text=True, env=env, check=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip() and not line.startswith(" ")]


# ---------------------------------------------------------------------------------------------------- stored form

def stored_problems(nb, name):
    """What is wrong with the stored form: outputs, execution counts, another kernel."""
    problems = []
    spec = nb.metadata.get("kernelspec", {}).get("name")
    if spec != KERNEL_NAME:
        problems.append("%s: kernelspec is %r, not %r" % (name, spec, KERNEL_NAME))
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append("%s: cell %d is stored with %d output(s)" % (name, i, len(cell.outputs)))
        if cell.get("execution_count") is not None:
            problems.append("%s: cell %d is stored with execution_count %s" % (name, i, cell.execution_count))
    return problems


def check_stored(paths):
    """Problems of every notebook's stored form (empty: all clean)."""
    import nbformat
    problems = []
    for p in paths:
        nb = nbformat.read(str(p), as_version=4)
        problems += stored_problems(nb, p.name)
    return problems


def strip_outputs(nb):
    """The notebook without outputs and execution counts (what is committed)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    return nb


# ---------------------------------------------------------------------------------------------------- executed form

def cell_tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def output_problems(nb, name):
    """Errors outside `raises-exception` cells, such cells that did not raise, and stderr output."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        allowed = ALLOW_ERROR_TAG in cell_tags(cell)
        if errors and not allowed:
            e = errors[0]
            tb = "\n".join(ANSI.sub("", line) for line in e.get("traceback", []))
            problems.append("%s: cell %d raised %s: %s\n%s\n%s" % (name, i, e.ename, e.evalue, indent(cell.source), indent(tb)))
        if allowed and not errors:
            problems.append("%s: cell %d is tagged %s but raised nothing\n%s" % (name, i, ALLOW_ERROR_TAG, indent(cell.source)))
        for o in cell.outputs:
            if o.output_type == "stream" and o.name == "stderr" and o.text.strip():
                problems.append("%s: cell %d wrote to stderr:\n%s" % (name, i, indent(o.text.rstrip())))
    return problems


def indent(text, prefix="    "):
    return "\n".join(prefix + line for line in str(text).splitlines())


def collect_keys(nb, name):
    """The key numbers the executed notebook showed: name -> {"value", "unit"}; a name shown twice must agree."""
    keys = {}
    where = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for o in cell.outputs:
            data = o.get("data", {}) if o.output_type in ("execute_result", "display_data") else {}
            if KEYS_MIME not in data:
                continue
            blob = data[KEYS_MIME]
            if isinstance(blob, str):
                blob = json.loads(blob)
            for k, v in blob.items():
                entry = {"value": float(v["value"]), "unit": v.get("unit", "")}
                if k in keys and keys[k]["value"] != entry["value"]:
                    raise NotebookFailure("%s: key number %r is %r in cell %d but %r in cell %d"
                                          % (name, k, keys[k]["value"], where[k], entry["value"], i))
                keys[k] = entry
                where[k] = i
    return keys


# ---------------------------------------------------------------------------------------------------- expectations

def load_expectations(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def within(expected, got, rel, abs_):
    return abs(got - expected) <= max(abs_, rel * abs(expected))


def compare(expect, keys):
    """Rows (name, expected, got, note) where the run differs from the expectations; empty: they agree."""
    tol = expect.get("tolerance", {})
    rel0 = float(tol.get("rel", DEFAULT_REL))
    abs0 = float(tol.get("abs", DEFAULT_ABS))
    rows = []
    exp_keys = expect.get("keys", {})
    for k, e in exp_keys.items():
        if k not in keys:
            rows.append((k, e["value"], None, "not shown by the notebook"))
            continue
        rel = float(e.get("rel", rel0))
        abs_ = float(e.get("abs", abs0))
        got = keys[k]["value"]
        if not within(float(e["value"]), got, rel, abs_):
            d = got - e["value"]
            rd = d / e["value"] if e["value"] else math.inf
            rows.append((k, e["value"], got, "differs by %+.6g (%+.3g%%; tolerance rel %g, abs %g)" % (d, 100 * rd, rel, abs_)))
    for k in keys:
        if k not in exp_keys:
            rows.append((k, None, keys[k]["value"], "new: no expectation"))
    return rows


def format_diff(rows):
    def fmt(v):
        return "-" if v is None else repr(v)
    w0 = max([len("key")] + [len(r[0]) for r in rows])
    w1 = max([len("expected")] + [len(fmt(r[1])) for r in rows])
    w2 = max([len("got")] + [len(fmt(r[2])) for r in rows])
    lines = ["    %-*s  %*s  %*s  %s" % (w0, "key", w1, "expected", w2, "got", "")]
    for k, e, g, note in rows:
        lines.append("    %-*s  %*s  %*s  %s" % (w0, k, w1, fmt(e), w2, fmt(g), note))
    return "\n".join(lines)


def updated_expectations(old, keys, nb_name):
    """The expectation file for `keys`, keeping the old file's tolerances (global and per key)."""
    old = old or {}
    out = {
        "notebook": nb_name,
        "about": old.get("about", "Key numbers this notebook shows (KeyNumbers); ./uforklab notebooks compares them. "
                                  "Regenerate on purpose with ./uforklab notebooks --update %s" % Path(nb_name).stem),
        "tolerance": old.get("tolerance", {"rel": DEFAULT_REL, "abs": DEFAULT_ABS}),
        "keys": {},
    }
    for k, v in keys.items():
        entry = {"value": number(v["value"]), "unit": v["unit"]}
        for t in ("rel", "abs"):
            if t in old.get("keys", {}).get(k, {}):
                entry[t] = old["keys"][k][t]
        out["keys"][k] = entry
    return out


def number(v):
    """A value as it is written: integral values without ".0" (they are counts), others as Python's shortest repr."""
    return int(v) if float(v).is_integer() and abs(v) < 2 ** 53 else v


def write_expectations(path, data):
    """The expectation file, one key per line so that a change reads as a one-line diff."""
    head = {k: v for k, v in data.items() if k != "keys"}
    lines = ["{"]
    for k, v in head.items():
        lines.append("  %s: %s," % (json.dumps(k), json.dumps(v, ensure_ascii=False)))
    lines.append('  "keys": {')
    items = list(data["keys"].items())
    for i, (k, v) in enumerate(items):
        v = dict(v, value=number(v["value"]))
        lines.append("    %s: %s%s" % (json.dumps(k), json.dumps(v, ensure_ascii=False), "," if i < len(items) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------------- the kernel

def use_full_jit_kernel(directory):
    """Makes this process (and the processes it starts) use a copy of the uforklab kernelspec whose JVM compiles
    with C2 as well: the installed spec stops at C1 for a quick start, which is right at a prompt, while notebooks
    that run experiments spend minutes in the emulator's loops, several times slower under C1. The copy lives in
    `directory` (a directory of this run) and points at the installed spec's jars; JUPYTER_PATH puts it first."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    argv = [a.replace("{resource_dir}", spec.resource_dir) for a in spec.argv if not a.startswith("-XX:TieredStopAtLevel")]
    target = Path(directory) / "kernels" / KERNEL_NAME
    target.mkdir(parents=True, exist_ok=True)
    data = {"argv": argv, "display_name": spec.display_name, "language": spec.language,
            "interrupt_mode": spec.interrupt_mode, "env": spec.env, "metadata": spec.metadata}
    (target / "kernel.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(directory)] + [p for p in [os.environ.get("JUPYTER_PATH")] if p])
    return target


# ---------------------------------------------------------------------------------------------------- one notebook

def run_notebook(path, out_dir, update=False, timeout=900, html=True):
    """Executes one notebook and checks it.

    Returns (status, wall seconds, messages, kernel CPU seconds); status is passed, updated or failed.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    name = path.name
    started = time.monotonic()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    messages = []
    nb = nbformat.read(str(path), as_version=4)
    problems = stored_problems(nb, name)
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=timeout, startup_timeout=120, record_timing=False,
                            allow_errors=False, resources={"metadata": {"path": str(path.parent)}})
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    log_path = out_dir / (path.stem + ".kernel.log")
    try:
        with open(log_path, "w", encoding="utf-8") as log:  # the kernel JVM's own stdout/stderr (logging, JVM warnings)
            client.execute(stdout=log, stderr=log)
    except CellExecutionError:
        pass  # the failing cell's error output is reported below, with its source
    except (CellTimeoutError, DeadKernelError) as e:
        problems.append("%s: %s: %s (kernel log: %s)" % (name, type(e).__name__, str(e).splitlines()[0] if str(e) else "", log_path))
    problems += output_problems(nb, name)
    nbformat.write(nb, str(out_dir / name))
    if html:
        try:
            export_html(nb, out_dir / "html" / (path.stem + ".html"))
        except Exception as e:  # an export problem must not hide the notebook's own result
            problems.append("%s: HTML export failed: %s" % (name, e))
    status = "passed"
    try:
        keys = collect_keys(nb, name)
    except NotebookFailure as e:
        problems.append(str(e))
        keys = {}
    ep = expect_path(path)
    if problems:
        status = "failed"
    elif update:
        old = load_expectations(ep) if ep.exists() else None
        new = updated_expectations(old, keys, name)
        if old is None or old.get("keys") != new["keys"]:
            diff = compare(old or {}, keys)
            write_expectations(ep, new)
            messages.append("%s: wrote %s (%d key numbers)%s" % (name, ep.relative_to(ROOT) if ep.is_relative_to(ROOT) else ep,
                                                                   len(keys), "\n" + format_diff(diff) if diff else ""))
            status = "updated"
    elif not ep.exists():
        if keys:
            problems.append("%s: shows %d key numbers but %s does not exist; run ./uforklab notebooks --update %s"
                            % (name, len(keys), ep.name, path.stem))
            status = "failed"
    else:
        diff = compare(load_expectations(ep), keys)
        if diff:
            problems.append("%s: key numbers differ from %s (./uforklab notebooks --update %s accepts them):\n%s"
                            % (name, ep.name, path.stem, format_diff(diff)))
            status = "failed"
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the kernel JVM, reaped when nbclient shut it down
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return status, time.monotonic() - started, problems + messages, cpu


def export_html(nb, target):
    from nbconvert import HTMLExporter
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    body, _ = HTMLExporter().from_notebook_node(nb)
    target.write_text(body, encoding="utf-8")


# ---------------------------------------------------------------------------------------------------- all of them

def main(argv=None):
    ap = argparse.ArgumentParser(prog="uforklab notebooks", description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="notebooks to run (file-name prefixes, e.g. 40); default: all")
    ap.add_argument("--update", action="store_true", help="write NAME.expect.json from this run instead of comparing")
    ap.add_argument("--out", default=str(ROOT / "target" / "notebooks"), help="executed notebooks and html/ (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=1, help="notebooks executed at once (default: 1)")
    ap.add_argument("--timeout", type=int, default=900, help="seconds a cell may run (default: %(default)s)")
    ap.add_argument("--no-html", action="store_true", help="skip the HTML export")
    ap.add_argument("--c1", action="store_true", help="run the kernel as installed (C1 only: quick start, slow loops)")
    ap.add_argument("--check-stored", action="store_true", help="only check that the stored notebooks have no outputs")
    ap.add_argument("--strip", action="store_true", help="remove outputs and execution counts from the stored notebooks")
    args = ap.parse_args(argv)
    import nbformat

    try:
        paths = notebook_paths(args.names)
    except NotebookFailure as e:
        print("notebooks: %s" % e, file=sys.stderr)
        return 2
    if args.strip:
        for p in paths:
            nb = nbformat.read(str(p), as_version=4)
            if stored_problems(nb, p.name):
                nbformat.write(strip_outputs(nb), str(p))
                print("stripped %s" % p.name)
        return 0
    problems = check_stored(paths)
    if args.check_stored:
        for pr in problems:
            print(pr, file=sys.stderr)
        print("notebooks: %d stored notebook(s), %s" % (len(paths), "clean" if not problems else "%d problem(s)" % len(problems)))
        return 1 if problems else 0

    runnable = []
    skipped = []
    registered = None
    for p in paths:
        req = requirements(nbformat.read(str(p), as_version=4))
        if req:
            if registered is None:
                registered = registered_experiments()
            missing = [r for r in req if r not in registered]
            if missing:
                skipped.append((p, "needs experiment(s) %s, not registered in this build (registered: %s)"
                                % (", ".join(missing), ", ".join(registered))))
                continue
        runnable.append(p)
    for p, why in skipped:
        print("SKIPPED %s: %s" % (p.name, why), flush=True)

    jit_dir = tempfile.TemporaryDirectory(prefix="uforklab-kernel-")
    if not args.c1:
        use_full_jit_kernel(jit_dir.name)
    started = time.monotonic()
    results = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_notebook, p, args.out, args.update, args.timeout, not args.no_html): p for p in runnable}
        for f in concurrent.futures.as_completed(futures):
            p = futures[f]
            try:
                status, secs, msgs, cpu = f.result()
            except Exception as e:  # the runner itself broke on this notebook
                status, secs, msgs, cpu = "failed", 0.0, ["%s: %s: %s" % (p.name, type(e).__name__, e)], 0.0
            results[p] = (status, secs, msgs, cpu)
            print("%-8s %-32s %6.1f s  (kernel CPU %.1f s)" % (status.upper(), p.name, secs, cpu), flush=True)
            for m in msgs:
                print(indent(m, "  "), flush=True)
    total = time.monotonic() - started
    failed = [p for p, r in results.items() if r[0] == "failed"]
    cpu = sum(r[3] for r in results.values())
    print("notebooks: %d passed, %d failed, %d skipped in %.1f s, kernel CPU %.1f s (executed notebooks and HTML in %s)"
          % (len(results) - len(failed), len(failed), len(skipped), total, cpu, args.out))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
