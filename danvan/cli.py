"""The `danvan` console command: Django's manage.py plus our own subcommands.

Grouped forms such as `danvan orgs load` or `danvan plan import FILE` are mapped onto the
management commands `load_orgs` and `import_plan` (commands are named verb_noun).
"""

import os
import sys

# "danvan <group> <verb>" -> management command "<verb>_<noun>".
GROUPS = {
    "orgs": "orgs",
    "plan": "plan",
    "report": "report",
    "indicators": "indicators",
    "petitions": "petitions",
}


def translate_argv(argv: list[str]) -> list[str]:
    """Turn `danvan orgs load ...` into `danvan load_orgs ...`; leave other commands as they are."""
    if len(argv) >= 3 and argv[1] in GROUPS and not argv[2].startswith("-"):
        return [argv[0], f"{argv[2]}_{GROUPS[argv[1]]}", *argv[3:]]
    return argv


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(translate_argv(list(argv if argv is not None else sys.argv)))


if __name__ == "__main__":
    main()
