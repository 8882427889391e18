"""``python -m seller_lab.i18n.cli update|compile|check``: keep the report catalogs in step
with the code (``make messages``) and compile them (``make install``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import catalog_problems, compile_catalogs, extract_messages, update_catalogs

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m seller_lab.i18n.cli", description=__doc__)
    ap.add_argument("action", choices=["update", "compile", "check"])
    args = ap.parse_args(argv)
    package, notebooks = ROOT / "seller_lab", ROOT / "notebooks"
    if args.action == "compile":
        for path in compile_catalogs():
            print(f"compiled {path.relative_to(ROOT)}")
        return 0
    if args.action == "update":
        problems = update_catalogs(package, notebooks)
    else:
        messages = extract_messages(package, notebooks)
        problems = {"zh": catalog_problems("zh", messages)}
    for lang, lines in problems.items():
        print(f"{lang}: {len(lines)} message(s) to translate")
        for line in lines:
            print(f"  {line}")
    return 1 if any(problems.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
