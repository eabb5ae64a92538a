#!/usr/bin/env python3
"""Execute explore_outputs.ipynb headless against a framelens output folder.

    python notebooks/run_notebook.py OUTPUT_DIR [--save EXECUTED.ipynb] [--notebook NB.ipynb] [--timeout 120]

The notebook runs in memory (its kernel starts in notebooks/, with FRAMELENS_OUTPUT set to OUTPUT_DIR); nothing is
written unless --save is given. Exit status 0 when every cell ran, 1 with the failing cell and its error otherwise,
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


def main(argv=None):
    p = argparse.ArgumentParser(description="Run the framelens exploration notebook headless against an output folder.")
    p.add_argument("output_dir", help="folder given to `jobs/framelens run --output` (holds run_manifest.json)")
    p.add_argument("--save", metavar="PATH", help="write the executed notebook (with outputs) here")
    p.add_argument("--notebook", default=str(HERE / "explore_outputs.ipynb"), help="notebook to run (default: %(default)s)")
    p.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell (default: %(default)s)")
    args = p.parse_args(argv)

    out = Path(args.output_dir).expanduser().resolve()
    if not (out / "run_manifest.json").is_file():
        print(f"run_notebook: {out} holds no run_manifest.json (not the output of a finished framelens run)",
              file=sys.stderr)
        return 2
    nb_path = Path(args.notebook).resolve()
    nb = nbformat.read(nb_path, as_version=4)

    os.environ["FRAMELENS_OUTPUT"] = str(out)          # inherited by the kernel
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(nb_path.parent)}})
    started = time.monotonic()
    failure = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        failure = e
    seconds = time.monotonic() - started

    if args.save:
        nbformat.write(nb, args.save)
        print(f"run_notebook: executed notebook saved to {args.save}", file=sys.stderr)

    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    if failure is not None:
        ran = sum(1 for c in code_cells if c.get("execution_count"))
        print(f"run_notebook: FAILED in code cell {ran} of {len(code_cells)} after {seconds:.1f} s "
              f"({nb_path.name} on {out}):\n{ANSI.sub('', str(failure))}", file=sys.stderr)
        return 1
    print(f"run_notebook: OK, {len(code_cells)} code cells of {nb_path.name} ran on {out} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
