"""``seller-lab``: the command line. Each step of the loop registers its own commands
from ``seller_lab/<step>/cli.py`` (a ``register(subparsers)`` function that adds a
parser and sets ``func(args) -> int``), so this file stays a table of contents.

Only the module of the command being run is imported (a research report does not pay
for the demo generator's or the text miner's imports); ``seller-lab --help`` and an
unknown command import every module, so the listing is complete.

User mistakes (:class:`seller_lab.errors.SellerLabError`) print one clear line and exit 2;
a closed pipe (``seller-lab ... | head``) ends the command quietly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .errors import SellerLabError

#: The module registering each command (tests check it against what the modules register).
COMMANDS = {
    "demo": "seller_lab.demo.cli",
    "inspect": "seller_lab.sources.cli", "ingest": "seller_lab.sources.cli", "fetch": "seller_lab.sources.cli",
    "mine": "seller_lab.text.cli",
    "trends": "seller_lab.research.cli", "verdicts": "seller_lab.research.cli",
    "forecast": "seller_lab.stock.cli",
    "research": "seller_lab.report.cli", "monthly": "seller_lab.report.cli",
}
COMMAND_MODULES = list(dict.fromkeys(COMMANDS.values()))


def _params_check(args) -> int:
    from . import params, settings
    from .review import settings as _month_sections  # noqa: F401 - defines the review, stock, pilot sections
    from .text import settings as _text_sections  # noqa: F401 - defines the text sections

    ok = params.check_all(args.params_dir)
    for slug in ok:   # the typed settings' own checks (types, min <= max), naming the category file
        settings.check_sections(params.load_params(slug, args.params_dir),
                                params.category_file(slug, args.params_dir))
    print(f"params OK: defaults + {len(ok)} categories ({', '.join(ok)})")
    return 0


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with a known ``command`` only its module is imported and
    registered (the other commands are absent from that parser)."""
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
    modules = [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command named in ``argv`` (its first word), or None (``--help``, nothing, a typo)."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command(argv))
    try:
        args = parser.parse_args(argv)
        return int(args.func(args) or 0)
    except SellerLabError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of a pipe stopped early (`seller-lab ... | head`): what it wanted is
        # written; stop quietly. stdout goes to devnull so the interpreter's final flush
        # does not raise again.
        _quiet_stdout()
        return 0


def _quiet_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests capture it)
        pass
    finally:
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
