"""Colours for sectors and contribution kinds, shared by cards and charts.

Sector colours are the Okabe–Ito set, told apart by people with colour-vision
deficiency and on washed-out projectors.
"""

from models import ContributionKind, Sector

SECTOR_COLOURS: dict[Sector, str] = {
    Sector.STATE: "#0072B2",
    Sector.LOCAL_GOVERNMENT: "#56B4E9",
    Sector.COMMUNITY: "#009E73",
    Sector.PUBLIC_BENEFIT: "#E69F00",
    Sector.ACADEMIC: "#CC79A7",
    Sector.OTHER: "#7F7F7F",
}

KIND_COLOURS: dict[ContributionKind, str] = {
    ContributionKind.ROOT_CAUSE: "#8C5A2B",
    ContributionKind.FUND: "#5D4037",
    ContributionKind.BENEFIT: "#2E7D32",
    ContributionKind.OTHER: "#546E7A",
}

KIND_ICONS: dict[ContributionKind, str] = {
    ContributionKind.ROOT_CAUSE: "🌱",
    ContributionKind.FUND: "🪵",
    ContributionKind.BENEFIT: "🍎",
    ContributionKind.OTHER: "💬",
}
