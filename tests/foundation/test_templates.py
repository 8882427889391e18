"""House rules for the committed templates (CONVENTIONS 1, 10)."""

import nbformat
import pytest

from seller_lab.i18n import SUPPORTED_LANGUAGES
from seller_lab.i18n.catalog import translate_notebook
from seller_lab.report.runner import (
    INJECTED,
    OPTIONAL_INJECTED,
    TEMPLATES,
    check_template_parameters,
)


@pytest.fixture(params=sorted(TEMPLATES.values()))
def template(request, project_root):
    return project_root / "notebooks" / request.param


def test_template_declares_exactly_the_injected_parameters(template):
    check_template_parameters(template)  # raises on a missing name
    nb = nbformat.read(str(template), as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    names = {line.split("=")[0].strip() for line in params[0].source.splitlines()
             if "=" in line and not line.lstrip().startswith("#")}
    # every template takes the injected names and the language; the other optional names
    # (the research analysis' jobs) only where the template uses them
    assert set(INJECTED) | {"lang"} <= names <= set(INJECTED) | set(OPTIONAL_INJECTED)


def test_translated_template_keeps_every_code_cell_and_translates_every_markdown_cell(template):
    nb = nbformat.read(str(template), as_version=4)
    for lang in SUPPORTED_LANGUAGES:
        out = translate_notebook(nb, lang)
        assert [c.source for c in out.cells if c.cell_type == "code"] == \
               [c.source for c in nb.cells if c.cell_type == "code"]
        if lang == "zh":  # every markdown cell is in Chinese ("## SOP (R7.2)" keeps the team's word SOP)
            for before, after in zip(nb.cells, out.cells):
                if before.cell_type == "markdown":
                    assert after.source != before.source
                    assert any("\u4e00" <= ch <= "\u9fff" for ch in after.source), after.source


def test_template_is_committed_without_outputs_and_pins_the_kernel(template):
    nb = nbformat.read(str(template), as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "seller-lab"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_template_cells_are_thin_calls_into_seller_lab(template):
    nb = nbformat.read(str(template), as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue  # the parameters cell only declares the injected names
        lines = [x for x in cell.source.splitlines() if x.strip() and not x.lstrip().startswith("#")]
        assert not any(x.lstrip().startswith(("def ", "class ", "for ", "while ")) for x in lines), cell.source
        code = [x for x in lines if not x.lstrip().startswith(("from ", "import "))]
        assert len(code) <= 4, f"cell too long for a template (belongs in seller_lab):\n{cell.source}"


def test_analyst_quickstart_is_short_committed_clean_and_uses_only_the_front_door(project_root):
    nb = nbformat.read(str(project_root / "notebooks" / "analyst_quickstart.ipynb"), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert 8 <= len(code) <= 12
    imports = [line for c in code for line in c.source.splitlines() if line.startswith(("from ", "import "))]
    assert imports and all(line.startswith("from seller_lab import") for line in imports)
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None
        assert not any(x.lstrip().startswith(("def ", "class ")) for x in cell.source.splitlines())
