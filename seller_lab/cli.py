"""``seller-lab``: the command line. Each step of the loop registers its own commands
from ``seller_lab/<step>/cli.py`` (a ``register(subparsers)`` function that adds a
parser and sets ``func(args) -> int``), so this file stays a table of contents.

User mistakes (:class:`seller_lab.errors.SellerLabError`) print one clear line and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .errors import SellerLabError

COMMAND_MODULES = [
    "seller_lab.demo.cli",      # demo
    "seller_lab.sources.cli",   # inspect, ingest
    "seller_lab.text.cli",      # mine
    "seller_lab.research.cli",  # trends
    "seller_lab.stock.cli",     # forecast
    "seller_lab.report.cli",    # research, monthly
]


def _params_check(args) -> int:
    from . import params

    ok = params.check_all(args.params_dir)
    print(f"params OK: defaults + {len(ok)} categories ({', '.join(ok)})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seller-lab",
        description="Research -> small-batch test -> stocking -> fulfilment -> "
                    "after-sales -> iteration, on your own data.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("params", help="check params files")
    psub = p.add_subparsers(dest="params_command", required=True)
    pc = psub.add_parser("check", help="load and validate defaults and every category")
    pc.add_argument("--params-dir", default=None)
    pc.set_defaults(func=_params_check)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except SellerLabError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
