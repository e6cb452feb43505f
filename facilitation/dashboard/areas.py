"""The areas that have forums, with their official names, for the dashboard's drill-down."""

from collections import Counter
from dataclasses import dataclass

import geothai
from sqlmodel import Session, func, select

from facilitation.forum.areas import AreaOption
from models import Forum

BANGKOK = "10"


@dataclass(frozen=True)
class AreaOptions:
    """Provinces (by Thai name), each province's districts and each district's tambons (by code)."""

    provinces: list[AreaOption]
    districts: dict[str, list[AreaOption]]  # by province code
    tambons: dict[str, list[AreaOption]]  # by district code
    forums: dict[str, int]  # forums stored in each province, district and tambon, by its code


def _named(code: str, found: object | None) -> AreaOption:
    # A code the dataset does not know (an archive from a newer dataset) still shows, by its code.
    if found is None:
        return AreaOption(code, code, code)
    return AreaOption(code, str(getattr(found, "name_th", code)), str(getattr(found, "name_en", code)))


def area_options(*, session: Session) -> AreaOptions:
    """Every province, district and tambon that at least one stored forum is in (one query)."""
    rows = session.exec(
        select(Forum.province_code, Forum.district_code, Forum.tambon_code, func.count()).group_by(
            Forum.province_code, Forum.district_code, Forum.tambon_code
        )
    ).all()
    forums: Counter[str] = Counter()
    districts: dict[str, set[str]] = {}
    tambons: dict[str, set[str]] = {}
    for province, district, tambon, count in rows:
        forums.update({province: count, district: count, tambon: count})
        districts.setdefault(province, set()).add(district)
        tambons.setdefault(district, set()).add(tambon)
    provinces = [_named(code, geothai.province(code)) for code in districts]
    return AreaOptions(
        provinces=sorted(provinces, key=lambda option: option.name_th),
        districts={
            province: [_named(code, geothai.district(code)) for code in sorted(codes)]
            for province, codes in districts.items()
        },
        tambons={
            district: [_named(code, geothai.subdistrict(code)) for code in sorted(codes)]
            for district, codes in tambons.items()
        },
        forums=dict(forums),
    )


def _unit(prefix: str, name: str) -> str:
    # The dataset writes some Bangkok names with their unit already ("เขตพระนคร").
    return name if name.startswith(prefix) else prefix + name


def area_name(province_code: str, district_code: str | None, tambon_code: str | None, lang: str) -> str:
    """`ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น`, down to the level chosen (`จังหวัดขอนแก่น` for a province)."""
    province = _named(province_code, geothai.province(province_code))
    district = _named(district_code, geothai.district(district_code)) if district_code else None
    tambon = _named(tambon_code, geothai.subdistrict(tambon_code)) if tambon_code else None
    if lang != "th":
        return ", ".join(option.name_en for option in (tambon, district, province) if option is not None)
    bangkok = province_code == BANGKOK
    parts = [
        _unit("แขวง" if bangkok else "ตำบล", tambon.name_th) if tambon else "",
        _unit("เขต" if bangkok else "อำเภอ", district.name_th) if district else "",
        province.name_th if bangkok else _unit("จังหวัด", province.name_th),
    ]
    return " ".join(part for part in parts if part)
