"""The README stays true: every setting is documented and the two commands are the ones CI runs."""

import re
from pathlib import Path

from facilitation.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_configuration_table() -> None:
    """Each Settings field appears as a row of the README's configuration table."""
    table_rows = re.findall(r"^\| `([A-Z_]+)` \|", README, flags=re.MULTILINE)
    for name in Settings.model_fields:
        assert name.upper() in table_rows, f"{name.upper()} is not documented in README.md"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one() -> None:
    """`make run` and `make test` are in the README, and .ci/run calls `make test`."""
    assert "make run" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, flags=re.MULTILINE)


def test_readme_screenshots_exist() -> None:
    """Every image the README shows is in the repository."""
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert images
    for image in images:
        assert (ROOT / image).is_file(), image
