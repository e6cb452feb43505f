"""Thailand's official areas (province → district → tambon) from the `geothai` dataset."""

from dataclasses import dataclass

import geothai

from facilitation.core.errors import InvalidArea


@dataclass(frozen=True)
class AreaOption:
    code: str
    name_th: str
    name_en: str

    def label(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en


def provinces() -> list[AreaOption]:
    """The 77 provinces, sorted by Thai name as a Thai user scans for them."""
    options = [AreaOption(p.code, p.name_th, p.name_en) for p in geothai.provinces()]
    return sorted(options, key=lambda o: o.name_th)


def districts(province_code: str) -> list[AreaOption]:
    """The districts of a province, in official code order."""
    return [AreaOption(d.code, d.name_th, d.name_en) for d in geothai.districts(province_code)]


def tambons(district_code: str) -> list[AreaOption]:
    """The tambons (subdistricts) of a district, in official code order."""
    return [AreaOption(s.code, s.name_th, s.name_en) for s in geothai.subdistricts(district_code)]


def _prefixed(prefix: str, name: str) -> str:
    # The dataset writes some Bangkok names with their unit already ("เขตพระนคร").
    return name if name.startswith(prefix) else prefix + name


@dataclass(frozen=True)
class Area:
    province: AreaOption
    district: AreaOption
    tambon: AreaOption

    def name(self, lang: str) -> str:
        """`ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น` or `Sila, Mueang Khon Kaen, Khon Kaen`."""
        if lang == "th":
            # Bangkok's units are khwaeng and khet, not tambon and amphoe.
            if self.province.code == "10":
                tambon, district = _prefixed("แขวง", self.tambon.name_th), _prefixed("เขต", self.district.name_th)
                return f"{tambon} {district} {self.province.name_th}"
            return f"ตำบล{self.tambon.name_th} อำเภอ{self.district.name_th} จังหวัด{self.province.name_th}"
        return f"{self.tambon.name_en}, {self.district.name_en}, {self.province.name_en}"


def resolve_area(province_code: str, district_code: str, tambon_code: str) -> Area:
    """The area for three codes that nest; raises InvalidArea otherwise."""
    province = geothai.province(province_code or "")
    district = geothai.district(district_code or "")
    tambon = geothai.subdistrict(tambon_code or "")
    if (
        province is None
        or district is None
        or tambon is None
        or district.province_code != province.code
        or tambon.district_code != district.code
    ):
        raise InvalidArea(province=province_code, district=district_code, tambon=tambon_code)
    return Area(
        AreaOption(province.code, province.name_th, province.name_en),
        AreaOption(district.code, district.name_th, district.name_en),
        AreaOption(tambon.code, tambon.name_th, tambon.name_en),
    )
