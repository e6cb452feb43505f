"""The welfare tree's three parts and the kind of contribution each holds."""

from typing import Literal

from models import ContributionKind

TreePart = Literal["root", "trunk", "fruit"]
PART_OF_KIND: dict[ContributionKind, TreePart] = {
    ContributionKind.ROOT_CAUSE: "root",
    ContributionKind.FUND: "trunk",
    ContributionKind.BENEFIT: "fruit",
}
PART_ORDER: dict[TreePart, int] = {"root": 0, "trunk": 1, "fruit": 2}
