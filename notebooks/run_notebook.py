#!/usr/bin/env python3
"""Execute the notebooks headless against a framelens output folder, and check that they are stored stripped.

    python notebooks/run_notebook.py OUTPUT_DIR [--notebook NB.ipynb | --all] [--save PATH] [--timeout 120]
    python notebooks/run_notebook.py --check-stripped
    python notebooks/run_notebook.py --strip

Each notebook runs in memory (its kernel starts in the notebook's folder, with FRAMELENS_OUTPUT set to OUTPUT_DIR);
nothing is written unless --save is given (a file for one notebook, a folder for --all). Without --notebook or --all
it runs explore_outputs.ipynb; --all runs every *.ipynb of notebooks/ (the assignment notebooks expect the output of
the full run on the sample corpus, as CI makes).

--check-stripped checks the notebooks of notebooks/ as stored: no outputs and no execution counts, and each
NAME_solutions.ipynb the same as NAME.ipynb but for its cells tagged `key` (the answers), whose assignment side keeps
a `# YOUR CODE HERE`. --strip removes the outputs and execution counts of the notebooks of notebooks/ in place.

Exit status 0 when everything ran (or passed the check), 1 naming each failing notebook, its cell and its error,
2 for bad arguments.
"""
import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

HERE = Path(__file__).resolve().parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colour codes in IPython tracebacks
KEY_TAG = "key"                        # the answer cells, which differ between an assignment and its solutions
PLACEHOLDER = "# YOUR CODE HERE"


def notebooks():
    return sorted(HERE.glob("*.ipynb"))


def run(nb_path, out, timeout, save=None):
    """Executes one notebook; returns None when every cell ran, else the failure in words."""
    nb = nbformat.read(nb_path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(nb_path.parent)}})
    started = time.monotonic()
    failure = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        failure = e
    seconds = time.monotonic() - started

    if save:
        nbformat.write(nb, save)
        print(f"run_notebook: executed notebook saved to {save}", file=sys.stderr)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    if failure is not None:
        ran = sum(1 for c in code_cells if c.get("execution_count"))
        return (f"FAILED in code cell {ran} of {len(code_cells)} after {seconds:.1f} s ({nb_path.name} on {out}):\n"
                f"{ANSI.sub('', str(failure))}")
    print(f"run_notebook: OK, {len(code_cells)} code cells of {nb_path.name} ran on {out} in {seconds:.1f} s")
    return None


def stripped_problems(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    return [f"{nb_path.name}: code cell {i} ({c.get('id', '?')}) has outputs or an execution count"
            for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)]


def pairing_problems(assignment_path, solutions_path):
    a = nbformat.read(assignment_path, as_version=4).cells
    s = nbformat.read(solutions_path, as_version=4).cells
    pair = f"{solutions_path.name} against {assignment_path.name}"
    if [c.get("id") for c in a] != [c.get("id") for c in s]:
        return [f"{pair}: the cells differ in number, ids or order"]
    problems = []
    for i, (ca, cs) in enumerate(zip(a, s)):
        if ca.cell_type != cs.cell_type or ca.metadata != cs.metadata:
            problems.append(f"{pair}: cell {i} ({ca.get('id')}) differs in type or metadata")
        elif KEY_TAG not in ca.metadata.get("tags", []):
            if ca.source != cs.source:
                problems.append(f"{pair}: cell {i} ({ca.get('id')}) differs but is not tagged {KEY_TAG!r}")
        elif ca.cell_type == "code" and PLACEHOLDER not in ca.source:
            problems.append(f"{assignment_path.name}: answer cell {i} ({ca.get('id')}) lacks {PLACEHOLDER!r}")
    return problems


def check_stripped():
    problems = []
    for nb_path in notebooks():
        problems += stripped_problems(nb_path)
        assignment = nb_path.with_name(nb_path.name.replace("_solutions.ipynb", ".ipynb"))
        if nb_path.name.endswith("_solutions.ipynb"):
            if assignment.is_file():
                problems += pairing_problems(assignment, nb_path)
            else:
                problems.append(f"{nb_path.name}: no {assignment.name} beside it")
    for p in problems:
        print(f"run_notebook: {p}", file=sys.stderr)
    if problems:
        print("run_notebook: `python notebooks/run_notebook.py --strip` removes outputs and execution counts",
              file=sys.stderr)
        return 1
    print(f"run_notebook: {len(notebooks())} notebooks stored stripped, solutions paired with their assignments")
    return 0


def strip():
    for nb_path in notebooks():
        nb = nbformat.read(nb_path, as_version=4)
        changed = False
        for c in nb.cells:
            if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None):
                c.outputs, c.execution_count, changed = [], None, True
        if changed:
            nbformat.write(nb, nb_path)
            print(f"run_notebook: stripped {nb_path.name}")
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description="Run the framelens notebooks headless against an output folder, or check "
                                            "that they are stored without outputs.")
    p.add_argument("output_dir", nargs="?",
                   help="folder given to `jobs/framelens run --output` (holds run_manifest.json)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--notebook", default=str(HERE / "explore_outputs.ipynb"),
                       help="notebook to run (default: %(default)s)")
    which.add_argument("--all", action="store_true", help="run every *.ipynb of notebooks/")
    which.add_argument("--check-stripped", action="store_true",
                       help="check the stored notebooks: no outputs, solutions paired with their assignments")
    which.add_argument("--strip", action="store_true", help="remove outputs and execution counts in place")
    p.add_argument("--save", metavar="PATH",
                   help="write the executed notebook (with outputs) here; with --all, a folder")
    p.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell (default: %(default)s)")
    args = p.parse_args(argv)

    if args.check_stripped:
        return check_stripped()
    if args.strip:
        return strip()
    if args.output_dir is None:
        p.error("OUTPUT_DIR is required to run notebooks")
    out = Path(args.output_dir).expanduser().resolve()
    if not (out / "run_manifest.json").is_file():
        print(f"run_notebook: {out} holds no run_manifest.json (not the output of a finished framelens run)",
              file=sys.stderr)
        return 2

    os.environ["FRAMELENS_OUTPUT"] = str(out)          # inherited by the kernels
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    if not args.all:
        failure = run(Path(args.notebook).resolve(), out, args.timeout, args.save)
        if failure:
            print(f"run_notebook: {failure}", file=sys.stderr)
        return 1 if failure else 0

    if args.save:
        Path(args.save).mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    failures = {}
    for nb_path in notebooks():
        failure = run(nb_path, out, args.timeout, args.save and str(Path(args.save) / nb_path.name))
        if failure:
            failures[nb_path.name] = failure
            print(f"run_notebook: {failure}", file=sys.stderr)
    seconds = time.monotonic() - started
    if failures:
        print(f"run_notebook: {len(failures)} of {len(notebooks())} notebooks FAILED: {', '.join(failures)}",
              file=sys.stderr)
        return 1
    print(f"run_notebook: all {len(notebooks())} notebooks ran on {out} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
