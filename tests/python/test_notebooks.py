"""Every notebook in python/notebooks runs top to bottom under MYORELEASE_COARSE=1 (coarse
meshes, few steps) without an error, with a cell timeout."""
import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "python" / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def kernel_env():
    """The kernel runs this interpreter (ipykernel's launcher) with the coarse flag and the
    package path of the tests (PYTHONPATH is inherited)."""
    old = dict(os.environ)
    os.environ["MYORELEASE_COARSE"] = "1"
    os.environ["MPLBACKEND"] = "Agg"
    package = str(Path(__import__("myorelease").__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join([package, os.environ.get("PYTHONPATH", "")])
    yield
    os.environ.clear()
    os.environ.update(old)


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, kernel_env):
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    book = nbformat.read(path, as_version=4)

    class ThisPython(KernelSpecManager):  # the interpreter of the tests, not a registered kernel
        def get_kernel_spec(self, name):
            return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f",
                                    "{connection_file}"], display_name="tests", language="python")

    km = KernelManager(kernel_spec_manager=ThisPython(), kernel_name="python3")
    client = nbclient.NotebookClient(book, km=km, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    text = [c for c in book.cells if c.cell_type == "markdown"]
    assert any("does not know" in c.source for c in text), "no 'what the model does not know'"
