"""The command line imports only the module of the command being run."""

import argparse
import importlib
import re
import subprocess
import sys
from pathlib import Path

from seller_lab.cli import COMMAND_MODULES, COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[2]


def test_command_table_names_exactly_the_commands_each_module_registers():
    registered = {}
    for module in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(sub)
        registered.update({name: module for name in sub.choices})
    assert registered == COMMANDS


def test_a_known_command_builds_only_its_own_parser_and_help_lists_every_command():
    def listed(parser) -> set[str]:
        return {name for name in [*COMMANDS, "params"]
                if re.search(rf"^\s+{name}\s", parser.format_help(), re.M)}

    assert listed(build_parser("monthly")) == {"params", "research", "monthly"}
    assert listed(build_parser()) == {"params", *COMMANDS}
    assert build_parser("monthly").parse_args(["monthly", "x", "--month", "2026-10"]).month == "2026-10"


def test_report_command_does_not_import_the_other_steps_commands():
    code = ("import sys\nfrom seller_lab.cli import build_parser\nbuild_parser('research')\n"
            "print(sorted(m for m in ('seller_lab.demo.market', 'seller_lab.text.aspects', 'sklearn',"
            " 'statsmodels', 'pandas', 'papermill') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
