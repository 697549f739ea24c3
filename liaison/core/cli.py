"""The `liaison` command: every Django management command, with dashes allowed.

`liaison serve`, `liaison load-reference`, `liaison createsuperuser`, `liaison migrate`...
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    arguments = list(sys.argv if argv is None else argv)
    arguments[0] = "liaison"
    if len(arguments) > 1 and not arguments[1].startswith("-"):
        arguments[1] = arguments[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(arguments)


if __name__ == "__main__":
    main()
