"""areas: Thailand's provinces, districts and tambons, and how codes nest."""

import pytest

from facilitation.core.errors import InvalidArea
from facilitation.forum.areas import districts, provinces, resolve_area, tambons


def test_seventy_seven_provinces_sorted_by_thai_name() -> None:
    """There are 77 provinces with unique codes, sorted by Thai name."""
    found = provinces()
    assert len(found) == 77
    assert len({p.code for p in found}) == 77
    assert [p.name_th for p in found] == sorted(p.name_th for p in found)
    assert {"10", "40"} <= {p.code for p in found}


def test_khon_kaen_districts() -> None:
    """Khon Kaen has 26 districts, in code order, including 4029 and not 4026."""
    codes = [d.code for d in districts("40")]
    assert len(codes) == 26
    assert codes == sorted(codes)
    assert "4029" in codes
    assert "4026" not in codes
    assert all(code.startswith("40") for code in codes)


def test_khon_kaen_tambons() -> None:
    """Khon Kaen's districts hold 199 tambons, and Sila is in Mueang Khon Kaen."""
    assert sum(len(tambons(d.code)) for d in districts("40")) == 199
    mueang = {t.code: t for t in tambons("4001")}
    assert mueang["400114"].name_th == "ศิลา"
    assert mueang["400114"].name_en == "Sila"


def test_option_label_by_language() -> None:
    """An option's label is Thai for th and English otherwise."""
    khon_kaen = next(p for p in provinces() if p.code == "40")
    assert khon_kaen.label("th") == "ขอนแก่น"
    assert khon_kaen.label("en") == "Khon Kaen"


def test_resolve_sila() -> None:
    """Sila resolves to its Thai and English full names."""
    area = resolve_area("40", "4001", "400114")
    assert area.name("th") == "ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
    assert area.name("en") == "Sila, Mueang Khon Kaen, Khon Kaen"
    assert (area.province.code, area.district.code, area.tambon.code) == ("40", "4001", "400114")


@pytest.mark.parametrize(
    ("province", "district", "tambon"),
    [
        ("41", "4001", "400114"),  # district of Khon Kaen under Udon Thani
        ("40", "4101", "410101"),  # district and tambon of another province
        ("40", "4002", "400114"),  # tambon of another district
        ("40", "4001", "999999"),  # unknown tambon
        ("99", "4001", "400114"),  # unknown province
        ("40", "4099", "400114"),  # unknown district
        ("", "", ""),
        ("40", "", ""),
        ("40", "4001", ""),
    ],
)
def test_mismatched_or_unknown_codes_raise_invalid_area(province: str, district: str, tambon: str) -> None:
    """Codes that do not nest, are unknown or empty raise InvalidArea."""
    with pytest.raises(InvalidArea) as caught:
        resolve_area(province, district, tambon)
    assert caught.value.message_key == "error_invalid_area"
    assert caught.value.details == {"province": province, "district": district, "tambon": tambon}


def test_bangkok_english_name() -> None:
    """Bangkok's English name lists khwaeng, khet and the city."""
    area = resolve_area("10", "1001", "100101")
    assert area.name("en") == "Phra Borom Maha Ratchawang, Phra Nakhon, Bangkok"


def test_bangkok_uses_khwaeng_and_khet() -> None:
    """Bangkok is named แขวง… เขต…, never ตำบล/อำเภอ/จังหวัด."""
    name = resolve_area("10", "1001", "100101").name("th")
    assert name.startswith("แขวงพระบรมมหาราชวัง")
    assert "ตำบล" not in name and "อำเภอ" not in name and "จังหวัด" not in name
    assert name.endswith("กรุงเทพมหานคร")


def test_bangkok_thai_name_has_no_doubled_khet() -> None:
    """Bangkok reads แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร (one เขต)."""
    assert resolve_area("10", "1001", "100101").name("th") == "แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร"
