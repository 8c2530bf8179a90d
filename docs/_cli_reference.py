"""Write the command-line reference from the ``skgan`` argument parser.

``docs/conf.py`` calls :func:`write_cli_reference` when the build starts. It
asks :func:`skgan.cli.build_parser` for the help text of ``skgan`` and of
every sub-command, and writes them as reStructuredText into
``docs/generated/cli_commands.inc``, which ``docs/cli.rst`` includes. The page
therefore lists every command and option the installed parser has, with its
defaults, and never goes stale. Run this file directly to print the text.
"""

import argparse
import os
from pathlib import Path

WIDTH = "88"  # argparse wraps help to $COLUMNS; fix it so every build is identical


def _help_texts():
    """``{command: help text}`` for ``skgan`` and each sub-command, in parser order."""
    from skgan.cli import build_parser

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = WIDTH
    try:
        parser = build_parser()
        texts = {"skgan": parser.format_help()}
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    texts[f"skgan {name}"] = sub.format_help()
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    return texts


def render():
    """The reStructuredText of every command's help, one section each."""
    parts = []
    for command, text in _help_texts().items():
        label = command.replace(" ", "-")
        title = f"``{command}``"
        parts += [
            f".. _cli-{label}:",
            "",
            title,
            "-" * len(title),
            "",
            ".. code-block:: text",
            "",
            *[f"   {line}".rstrip() for line in text.rstrip().splitlines()],
            "",
        ]
    return "\n".join(parts) + "\n"


def write_cli_reference(app=None, out=None):
    """Write ``generated/cli_commands.inc`` next to this file (only when it changed)."""
    out = Path(out or Path(__file__).parent / "generated" / "cli_commands.inc")
    text = render()
    if not out.is_file() or out.read_text(encoding="utf-8") != text:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return out


if __name__ == "__main__":  # pragma: no cover
    print(render())
