"""The kernel that runs report templates: started early, preloaded, reused.

A cold report pays for a kernel start and for the package imports inside it (pandas,
scikit-learn, scipy, matplotlib: together about a fifth of a cold research report's CPU
time); the parent pays its own imports (papermill, nbformat, nbconvert, the store). Three
things keep that off the report's critical path:

* **early start**: :func:`start_kernel` only launches the kernel process and returns, so a
  command line can start it before it imports papermill (both cores work at once);
* **preload**: a new kernel runs the template's own import statements while it starts
  (:func:`preload_code`, IPython's ``exec_lines``), in a function so no name is left behind;
* **reuse**: each process (each thread of it that runs reports) keeps ONE kernel
  (:class:`ReusedKernel`) and runs its reports in it one after another, clearing the
  namespace (``%reset -f``) before each report that follows another; the kernel is replaced
  when it died and shut down when the process ends.

This module imports jupyter_client only (not papermill, nbformat or nbconvert), so starting
a kernel is the first thing a command can do.
"""

from __future__ import annotations

import ast
import atexit
import json
import logging
import multiprocessing.util
import os
import sys
import threading
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from ..errors import ReportError
from ..params import DEFAULTS_FILE, resolve

__all__ = ["KERNEL_ARGUMENTS", "TEMPLATES", "ReusedKernel", "ensure_kernel", "preload_code", "process_kernel",
           "shutdown_process_kernel", "start_kernel", "template_path"]

log = logging.getLogger(__name__)

TEMPLATES = {"research": "category_research.ipynb", "monthly": "monthly_review.ipynb"}
# the kernel's own INFO/WARNING lines ("Kernel is running over TCP without encryption" on a
# loopback-only kernel) are noise in batch output; its errors still show
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
RESET_CODE = "get_ipython().run_line_magic('reset', '-f')"
PRELOAD_FUNCTION = "_seller_lab_preload"


def template_path(params: dict, kind: str) -> Path:
    """The template notebook of a report kind (``research`` | ``monthly``)."""
    if kind not in TEMPLATES:
        raise ReportError(f"unknown report kind '{kind}'; known: {', '.join(TEMPLATES)}")
    path = resolve(params, params["paths"]["notebooks"]) / TEMPLATES[kind]
    if not path.exists():
        shipped = Path(__file__).resolve().parents[2] / "notebooks"
        if (shipped / TEMPLATES[kind]).exists() and shipped != path.parent:
            # a project folder of one's own (params and data beside it, the templates in the checkout)
            raise ReportError(f"{path}: template not found. Fix: set paths.notebooks: {shipped} in "
                              f"{DEFAULTS_FILE} or the category's params, or copy the templates of {shipped} into {path.parent}")
        raise ReportError(f"{path}: template not found. Fix: restore it from git "
                          f"(git checkout -- {TEMPLATES[kind]})")
    return path


def preload_code(template: str | Path) -> str:
    """The import statements of a template's code cells (not its parameters cell), as one
    block a new kernel runs while it starts; '' when the template has none or cannot be read.

    The imports run inside a function that is deleted afterwards, and a failing import is
    ignored: the template's own cell imports again and reports the error where it belongs.

    >>> import json, tempfile, pathlib
    >>> nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "x = 1"},
    ...                 {"cell_type": "code", "metadata": {}, "source": "import json\\nfrom os import path as p\\ny = 2"},
    ...                 {"cell_type": "code", "metadata": {}, "source": "%matplotlib inline"}]}
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.ipynb"; _ = f.write_text(json.dumps(nb))
    >>> print(preload_code(f))
    def _seller_lab_preload():
        try:
            import json
            from os import path as p
        except Exception:
            pass
    _seller_lab_preload()
    del _seller_lab_preload
    """
    try:
        cells = json.loads(Path(template).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    statements: list[str] = []
    for cell in cells:
        if cell.get("cell_type") != "code" or "parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        source = cell.get("source", "")
        try:
            tree = ast.parse("".join(source) if isinstance(source, list) else source)
        except SyntaxError:  # IPython magics: not plain Python, nothing to preload from it
            continue
        statements += [ast.unparse(node) for node in tree.body if isinstance(node, ast.Import)
                       or (isinstance(node, ast.ImportFrom) and node.module != "__future__")]
    if not statements:
        return ""
    body = "\n".join(f"        {s}" for s in dict.fromkeys(statements))
    return (f"def {PRELOAD_FUNCTION}():\n    try:\n{body}\n    except Exception:\n        pass\n"
            f"{PRELOAD_FUNCTION}()\ndel {PRELOAD_FUNCTION}")


def ensure_kernel(name: str) -> None:
    """Make sure the named kernel exists; install it into this environment if not."""
    if name in KernelSpecManager().find_kernel_specs():
        return
    from ipykernel.kernelspec import install  # only on a machine set up without `make install`

    log.warning("kernel '%s' not found: installing it into %s", name, sys.prefix)
    install(kernel_name=name, display_name=f"{name} (Python 3)", prefix=sys.prefix)


class _TrackingKernelManager(KernelManager):
    """A kernel manager handing out the asynchronous clients papermill's executor expects,
    and closing them after each report (the kernel itself stays up)."""

    client_class = "jupyter_client.asynchronous.AsyncKernelClient"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.opened: list = []

    def client(self, **kwargs):
        kc = super().client(**kwargs)
        self.opened.append(kc)
        return kc

    def close_clients(self) -> None:
        while self.opened:
            self.opened.pop().stop_channels()


class ReusedKernel:
    """One kernel of this process, reused by the reports it runs one after another.

    ``cwd`` is the project root the notebooks run in; ``preload`` is code the kernel runs
    while it starts (see :func:`preload_code`); ``runs`` counts the reports it ran; ``fresh``
    stays True until a report starts in it (its namespace needs no reset). The constructor
    only launches the process: :meth:`wait_ready` waits for it.
    :func:`process_kernel` gives the process's kernel (starting it when needed).
    """

    def __init__(self, name: str, cwd: str, preload: str = ""):
        self.name, self.cwd, self.pid, self.runs = name, cwd, os.getpid(), 0
        self.ready, self.fresh = False, True
        self.km = _TrackingKernelManager(kernel_name=name)
        extra = KERNEL_ARGUMENTS + ([f"--IPKernelApp.exec_lines={preload}"] if preload else [])
        self.km.start_kernel(cwd=cwd, extra_arguments=extra)

    def wait_ready(self, timeout: int) -> None:
        """Block until the kernel answers (its preload done); at once when it did before."""
        if self.ready:
            return
        kc = self.km.blocking_client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=timeout)
        finally:
            kc.stop_channels()
        self.ready = True

    def alive(self) -> bool:
        return self.pid == os.getpid() and self.km.is_alive()

    def reset(self, timeout: int = 60) -> None:
        """Clear the namespace the previous report left (imported modules stay loaded)."""
        kc = self.km.blocking_client()
        kc.start_channels()
        try:
            reply = kc.execute_interactive(RESET_CODE, silent=True, store_history=False, timeout=timeout,
                                           output_hook=lambda msg: None)
        finally:
            kc.stop_channels()
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the kernel refused the reset: {reply['content']}")

    def shutdown(self) -> None:
        if self.pid != os.getpid():  # a forked worker never stops its parent's kernel
            return
        self.km.close_clients()
        if self.km.has_kernel:
            self.km.shutdown_kernel(now=True)


class _ProcessKernel:
    """The kernels of this process, one per thread that runs reports (a Dask worker may run
    several reports at once in threads); another name or folder replaces a thread's kernel."""

    kernels: dict[int, ReusedKernel] = {}
    finalizers_registered_in: int = 0

    @classmethod
    def get(cls, name: str, cwd: str, start_timeout: int, preload: str = "", wait: bool = True) -> ReusedKernel:
        k = cls.kernels.get(threading.get_ident())
        if k is not None and (k.name, k.cwd) == (name, cwd) and k.alive():
            try:
                if not k.fresh:  # a kernel no report ran in yet has a clean namespace
                    k.reset()
                if wait:
                    k.wait_ready(start_timeout)
                return k
            except Exception as exc:  # a kernel that cannot reset is replaced
                log.warning("kernel reset failed (%s): starting a new kernel", exc)
        cls.discard()
        if cls.finalizers_registered_in != os.getpid():
            cls.kernels = {}  # a forked worker starts without its parent's kernels
            cls.finalizers_registered_in = os.getpid()
            atexit.register(cls.discard_all)
            # a pool's worker processes do not run atexit handlers; their finalizers do run
            multiprocessing.util.Finalize(None, cls.discard_all, exitpriority=10)
        k = cls.kernels[threading.get_ident()] = ReusedKernel(name, cwd, preload)
        if wait:
            k.wait_ready(start_timeout)
        return k

    @classmethod
    def discard(cls) -> None:
        _shutdown(cls.kernels.pop(threading.get_ident(), None))

    @classmethod
    def discard_all(cls) -> None:
        while cls.kernels:
            _shutdown(cls.kernels.popitem()[1])


def _shutdown(kernel: ReusedKernel | None) -> None:
    if kernel is not None:
        try:
            kernel.shutdown()
        except Exception as exc:  # the kernel is gone already
            log.debug("kernel shutdown: %s", exc)


def process_kernel(name: str, cwd: str, start_timeout: int = 60, preload: str = "",
                   wait: bool = True) -> ReusedKernel:
    """This thread's kernel for ``name`` running in ``cwd``: the live one (its namespace
    cleared when a report ran in it) or a newly started one that runs ``preload`` while it
    starts; ``wait=False`` returns without waiting for a new kernel to answer."""
    return _ProcessKernel.get(name, cwd, start_timeout, preload, wait)


def shutdown_process_kernel() -> None:
    """Stop this thread's kernel now (every kernel is also stopped when the process ends)."""
    _ProcessKernel.discard()


def start_kernel(params: dict, kind: str) -> ReusedKernel | None:
    """Launch this thread's report kernel for ``kind`` now, preloading the template's imports,
    and return without waiting: the caller goes on with its own imports and the store while
    the kernel starts (the report then finds it ready, or nearly). None when the kernel or
    the template is missing: the report's own run says what is wrong."""
    rep = params["report"]
    try:
        if rep["kernel_name"] not in KernelSpecManager().find_kernel_specs():
            return None
        preload = preload_code(template_path(params, kind))
        return process_kernel(rep["kernel_name"], str(params["paths"]["project_root"]),
                              int(rep["start_timeout_s"]), preload=preload, wait=False)
    except Exception as exc:  # an early start is an optimisation; the report starts its own
        log.debug("early kernel start: %s", exc)
        return None
