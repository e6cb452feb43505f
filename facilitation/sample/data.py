"""Sample tambon welfare forum (Sila, Mueang Khon Kaen) for demos and tests: pure data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SampleParticipant:
    key: str
    name: str
    organisation: str
    sector: str  # state | local_government | community | public_benefit | academic | other


@dataclass(frozen=True)
class SampleContribution:
    key: str
    author: str  # SampleParticipant.key
    kind: str  # root_cause | fund | benefit | other
    text: str


@dataclass(frozen=True)
class SampleActionItem:
    activity: str
    objective: str
    target_group: str
    area: str  # พื้นที่: the villages it serves; empty: the whole tambon
    lead_organisation: str
    partners: str
    budget_baht: int
    fund_source: str  # own_fund | tao | swpf | codi | other
    start: date
    end: date
    indicator: str
    expected_result: str
    answers: tuple[str, ...]  # SampleContribution keys


@dataclass(frozen=True)
class SampleCommitment:
    author: str  # SampleParticipant.key
    action_index: int  # index into ACTION_ITEMS
    text: str


PROVINCE_CODE = "40"
DISTRICT_CODE = "4001"
TAMBON_CODE = "400114"
PROVINCE_TH = "ขอนแก่น"
DISTRICT_TH = "เมืองขอนแก่น"
TAMBON_TH = "ศิลา"

TITLE_TH = "เวทีสวัสดิการสังคมตำบลศิลา ครั้งที่ 1/2570"
TITLE_EN = "Sila Tambon Social Welfare Forum, session 1/2027"
VENUE = "หอประชุมเทศบาลเมืองศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
FORUM_DATE = date(2027, 2, 18)

_P = SampleParticipant
PARTICIPANTS: tuple[SampleParticipant, ...] = (
    _P("pmj", "วิไลวรรณ ศรีสุวรรณ", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดขอนแก่น (พมจ.)", "state"),
    _P("elder_ctr", "ณัฐพล แก้วมณี", "ศูนย์พัฒนาการจัดสวัสดิการสังคมผู้สูงอายุจังหวัดขอนแก่น", "state"),
    _P("codi", "สุริยา พลทองมาก", "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) สำนักงานภาคอีสาน (พอช.)", "state"),
    _P("rpst", "จิราพร บุญเรือง", "โรงพยาบาลส่งเสริมสุขภาพตำบลศิลา (รพ.สต.)", "state"),
    _P("tao_mayor", "ประสิทธิ์ ทองดี", "เทศบาลเมืองศิลา (นายก อบต.)", "local_government"),
    _P("tao_welfare", "อรอุมา พิมพ์ศรี", "กองสวัสดิการสังคม เทศบาลเมืองศิลา", "local_government"),
    _P("fund_chair", "บุญมี ศรีสว่าง", "คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา (ประธาน)", "community"),
    _P("fund_treas", "คำปุ่น แสนโคตร", "คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา (เหรัญญิก)", "community"),
    _P("apm", "สมพร ภูมิสุข", "อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ (อพม.) ตำบลศิลา", "community"),
    _P("aphs", "ทองใบ วงศ์ศรีชา", "อาสาสมัครดูแลผู้สูงอายุที่บ้าน (อผส.) ตำบลศิลา", "community"),
    _P("headman", "สมชาย นามวงศ์", "ผู้ใหญ่บ้าน หมู่ที่ 5 ตำบลศิลา", "community"),
    _P("elder_club", "หนูเพียร ชัยมงคล", "ชมรมผู้สูงอายุตำบลศิลา", "community"),
    _P("disab_club", "ธีระ อินทร์แก้ว", "ชมรมคนพิการตำบลศิลา", "community"),
    _P("foundation", "ปิยะนุช จันทร์หอม", "มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุอีสาน", "public_benefit"),
    _P("kku", "ผศ.ดร.กิตติศักดิ์ โพธิ์ศรี", "คณะมนุษยศาสตร์และสังคมศาสตร์ มหาวิทยาลัยขอนแก่น", "academic"),
    _P("temple", "พระอธิการสมบัติ ธมฺมวโร", "วัดโนนศิลาราม", "other"),
    _P("shop", "วีระพงษ์ แซ่ลิ้ม", "ร้านศิลาวัสดุก่อสร้าง", "other"),
)

_C = SampleContribution
CONTRIBUTIONS: tuple[SampleContribution, ...] = (
    # ราก: สาเหตุของปัญหา
    _C("rc_alone", "aphs", "root_cause", "ลูกหลานไปทำงานกรุงเทพฯ ชลบุรีกันหมด เหลือแต่ผู้สูงอายุเลี้ยงหลาน บางหลังอยู่คนเดียวไม่มีใครดูแล"),
    _C("rc_debt", "headman", "root_cause", "หลายครอบครัวติดหนี้นอกระบบ ดอกร้อยละ 20 ต่อเดือน ขายอ้อยได้เงินมาก็ไม่พอจ่ายดอก"),
    _C(
        "rc_transport",
        "rpst",
        "root_cause",
        "คนไข้ติดเตียงไปตามนัดที่ รพ.ศูนย์ขอนแก่นไม่ได้ ไม่มีรถ ต้องเหมารถไปกลับ 500-600 บาท บางคนเลยไม่ไปหาหมอ",
    ),
    _C("rc_access", "disab_club", "root_cause", "บ้านคนพิการส่วนมากไม่มีราวจับ ไม่มีทางลาด ห้องน้ำเป็นส้วมนั่งยอง ล้มกันบ่อยมาก"),
    _C("rc_bedridden", "rpst", "root_cause", "ผู้ป่วยติดบ้านติดเตียงเพิ่มทุกปี ตอนนี้ทั้งตำบลมี 45 คน แต่ อผส. มีแค่ 20 คน ดูแลไม่ทั่วถึง"),
    _C("rc_youth", "apm", "root_cause", "เด็กที่อยู่กับตายายบางคนเลิกเรียนกลางคัน เพราะไม่มีค่ารถไปโรงเรียนในเมือง"),
    _C("rc_income", "elder_club", "root_cause", "ผู้สูงอายุยังอยากทำงาน แต่ไม่มีอาชีพเสริม รายได้มีแค่เบี้ยยังชีพเดือนละ 600-700 บาท"),
    _C("rc_data", "pmj", "root_cause", "ข้อมูลผู้สูงอายุกับคนพิการของแต่ละหน่วยงานไม่ตรงกัน บางบ้านมีคนไปเยี่ยมซ้ำ บางบ้านไม่มีใครไปเลย"),
    _C(
        "rc_newcomers",
        "headman",
        "root_cause",
        "ตำบลเราใกล้ มข. มีหอพักเยอะ คนต่างถิ่นย้ายเข้ามามาก คนเก่าคนใหม่ไม่ค่อยรู้จักกัน เวลาเดือดร้อนเลยไม่รู้จะพึ่งใคร",
    ),
    # ลำต้น: กองทุน
    _C(
        "f_sajja",
        "fund_treas",
        "fund",
        "กองทุนสวัสดิการชุมชนตำบลศิลาตั้งมาตั้งแต่ปี 2551 ตอนนี้มีสมาชิก 1,284 คน ออมสัจจะวันละบาท เงินกองทุนรวมราว 2.6 ล้านบาท",
    ),
    _C("f_match", "fund_chair", "fund", "ปีที่แล้ว อบต. สมทบให้กองทุน 50,000 บาท ยังน้อยเมื่อเทียบกับยอดจ่ายสวัสดิการปีละเกือบ 4 แสน"),
    _C(
        "f_swpf",
        "pmj",
        "fund",
        "กองทุนส่งเสริมการจัดสวัสดิการสังคมจังหวัดจะเปิดรับโครงการรอบใหม่เดือนมีนาคม กองทุนที่ได้รับรองเป็นองค์กรสวัสดิการชุมชนแล้วยื่นขอได้",
    ),
    _C(
        "f_tao", "tao_mayor", "fund", "ข้อบัญญัติงบประมาณปี 70 ตั้งงบด้านสวัสดิการไว้ 300,000 บาท ถ้ากิจกรรมอยู่ในแผนพัฒนาท้องถิ่นก็ปรับใช้ได้"
    ),
    _C("f_village", "headman", "fund", "กองทุนหมู่บ้านหมู่ 5 มีเงินหมุนเวียน 1.3 ล้าน ให้สมาชิกกู้ไปทำอาชีพ ดอกเบี้ยร้อยละ 6 ต่อปี"),
    _C("f_codi", "codi", "fund", "พอช. มีงบหนุนตำบลที่ทำแผนสวัสดิการร่วมกัน และมีงบบ้านมั่นคงชนบทช่วยซ่อมบ้านผู้ยากไร้ด้วย"),
    _C("f_funeral", "temple", "fund", "ที่วัดมีกลุ่มฌาปนกิจสงเคราะห์ของหมู่บ้าน สมาชิก 600 กว่าครัวเรือน เก็บศพละ 20 บาทต่อครัวเรือน"),
    _C("f_csr", "shop", "fund", "ร้านพร้อมสมทบค่าวัสดุซ่อมบ้านคนพิการปีละ 20,000 บาท จะชวนร้านอื่นในตำบลมาช่วยด้วย"),
    # ผล: สวัสดิการที่คนได้รับ
    _C("b_birth", "fund_chair", "benefit", "สมาชิกคลอดลูก กองทุนให้ค่ารับขวัญเด็ก 1,000 บาท แม่ต้องเป็นสมาชิกครบ 180 วันก่อน"),
    _C("b_hospital", "elder_club", "benefit", "นอนโรงพยาบาลได้คืนละ 200 บาท ปีละไม่เกิน 10 คืน อยากให้เพิ่มค่าคนเฝ้าไข้ด้วย"),
    _C("b_scholar", "apm", "benefit", "ทุนการศึกษาลูกหลานสมาชิกทุนละ 500 บาท ปีละ 40 ทุน แต่เด็กขอเพิ่มทุกปี ไม่พอ"),
    _C(
        "b_death", "fund_chair", "benefit", "สมาชิกเสียชีวิต เป็นสมาชิก 1 ปีได้ 3,000 บาท ครบ 10 ปีได้ 15,000 บาท สูงสุด 30,000 บาท"
    ),
    _C("b_pension", "elder_club", "benefit", "สมาชิกอายุ 60 ปีขึ้นไปที่ออมมาครบ 15 ปี ได้บำนาญชุมชนปีละ 1,200 บาท"),
    _C("b_homecare", "aphs", "benefit", "อผส. ไปเยี่ยมผู้สูงอายุติดบ้านติดเตียงอาทิตย์ละครั้ง ช่วยเช็ดตัว วัดความดัน พาทำกายภาพ"),
    _C("b_devices", "elder_ctr", "benefit", "ศูนย์ฯ มีรถเข็น วอล์กเกอร์ ที่นอนลมให้ยืม ตำบลศิลาขอได้ประมาณ 15 ชุด"),
    _C("b_repair", "pmj", "benefit", "ปรับสภาพบ้านคนพิการ ทำราวจับ ทางลาด ห้องน้ำแบบนั่ง ตกหลังละประมาณ 20,000 บาท"),
    _C("b_training", "foundation", "benefit", "มูลนิธิจัดฝึกอาชีพทอผ้าไหม จักสาน ทำปลาร้าบองให้ผู้สูงอายุและคนพิการได้ พร้อมหาตลาดให้"),
    _C("b_ride", "tao_welfare", "benefit", "อบต. มีรถรับส่งผู้ป่วยไปตามนัดหมอ แต่มีคันเดียว ต้องโทรจองล่วงหน้า 3 วัน"),
    _C("b_visit_monk", "temple", "benefit", "พระในวัดจะไปเยี่ยมให้กำลังใจผู้สูงอายุที่อยู่คนเดียวเดือนละครั้ง"),
    # อื่น ๆ
    _C("o_database", "kku", "other", "ทีม มข. ช่วยทำฐานข้อมูลกลางรายครัวเรือน ผู้สูงอายุ คนพิการ ให้ทุกหน่วยงานใช้ชุดเดียวกันได้"),
    _C("o_calendar", "elder_ctr", "other", "เดือนก่อนมีสามหน่วยงานลงเยี่ยมบ้านติดเตียงหลังเดียวกันในอาทิตย์เดียว ควรทำปฏิทินลงพื้นที่ร่วมกัน"),
    _C("o_youth", "foundation", "other", "อยากชวนเยาวชนมาเป็นจิตอาสาเยี่ยมบ้านผู้สูงอายุ ได้ชั่วโมงจิตอาสาไปด้วย"),
    _C("o_followup", "headman", "other", "ทำแผนเสร็จแล้วขอให้มีเวทีติดตามทุก 3 เดือน ไม่ใช่ทำแผนแล้วเงียบหายไป"),
)

_A = SampleActionItem
ACTION_ITEMS: tuple[SampleActionItem, ...] = (
    _A(
        activity="โครงการรถรับส่งผู้ป่วยไปตามนัดแพทย์ตำบลศิลา",
        objective="ให้ผู้ป่วยติดเตียงและผู้สูงอายุได้ไปพบแพทย์ตามนัดโดยไม่ต้องเสียค่าเหมารถ",
        target_group="ผู้ป่วยติดบ้านติดเตียงและผู้สูงอายุที่มีนัดแพทย์ 60 คน",
        area="",
        lead_organisation="เทศบาลเมืองศิลา",
        partners="รพ.สต.ศิลา, อผส.ตำบลศิลา, กองทุนสวัสดิการชุมชนตำบลศิลา",
        budget_baht=60_000,
        fund_source="tao",
        start=date(2027, 4, 1),
        end=date(2027, 9, 30),
        indicator="ผู้ป่วยที่มีนัดได้ไปพบแพทย์ตามนัดไม่น้อยกว่าร้อยละ 90",
        expected_result="ผู้ป่วยได้รับการรักษาต่อเนื่อง ครอบครัวลดค่าใช้จ่ายเดินทาง",
        answers=("rc_transport", "b_ride", "f_tao"),
    ),
    _A(
        activity="ดูแลผู้สูงอายุติดบ้านติดเตียงที่บ้านและตั้งธนาคารกายอุปกรณ์ชุมชน",
        objective="ให้ผู้สูงอายุติดบ้านติดเตียงได้รับการเยี่ยมอย่างทั่วถึงและมีอุปกรณ์ใช้ โดยหน่วยงานลงพื้นที่ตามปฏิทินร่วม",
        target_group="ผู้สูงอายุติดบ้านติดเตียง 45 คน",
        area="",
        lead_organisation="ศูนย์พัฒนาการจัดสวัสดิการสังคมผู้สูงอายุจังหวัดขอนแก่น",
        partners="รพ.สต.ศิลา, อผส.ตำบลศิลา, ชมรมผู้สูงอายุตำบลศิลา, เทศบาลเมืองศิลา",
        budget_baht=85_000,
        fund_source="swpf",
        start=date(2027, 5, 1),
        end=date(2027, 12, 31),
        indicator="ผู้สูงอายุติดบ้านติดเตียงทุกรายได้รับการเยี่ยมอย่างน้อยสัปดาห์ละ 1 ครั้ง",
        expected_result="ผู้สูงอายุได้รับการดูแลต่อเนื่อง ไม่มีการเยี่ยมซ้ำซ้อนระหว่างหน่วยงาน",
        answers=("rc_bedridden", "b_homecare", "b_devices", "o_calendar"),
    ),
    _A(
        activity="ปรับสภาพที่อยู่อาศัยคนพิการและผู้สูงอายุให้ปลอดภัย",
        objective="ลดการพลัดตกหกล้มในบ้าน ด้วยราวจับ ทางลาด และห้องน้ำแบบนั่ง",
        target_group="ครัวเรือนคนพิการและผู้สูงอายุ 6 หลังคาเรือน",
        area="หมู่ 3, หมู่ 7",
        lead_organisation="ชมรมคนพิการตำบลศิลา",
        partners="พอช., พมจ.ขอนแก่น, เทศบาลเมืองศิลา, ร้านศิลาวัสดุก่อสร้าง",
        budget_baht=120_000,
        fund_source="codi",
        start=date(2027, 6, 1),
        end=date(2027, 11, 30),
        indicator="บ้านที่ปรับปรุงแล้วเสร็จ 6 หลัง และไม่มีรายงานการหกล้มในบ้านหลังปรับปรุง",
        expected_result="คนพิการและผู้สูงอายุใช้ชีวิตในบ้านได้สะดวกและปลอดภัยขึ้น",
        answers=("rc_access", "b_repair", "f_codi", "f_csr"),
    ),
    _A(
        activity="ปรับระเบียบและขยายสมาชิกกองทุนสวัสดิการชุมชนตำบลศิลา",
        objective="เพิ่มสมาชิกและปรับสวัสดิการให้ตรงความต้องการ เช่น ค่าเฝ้าไข้และทุนการศึกษา",
        target_group="สมาชิกใหม่ 300 คน และเด็กนักเรียนรับทุน 60 คน",
        area="",
        lead_organisation="คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา",
        partners="เทศบาลเมืองศิลา, พอช., พมจ.ขอนแก่น, อพม.ตำบลศิลา",
        budget_baht=40_000,
        fund_source="own_fund",
        start=date(2027, 3, 15),
        end=date(2027, 8, 31),
        indicator="สมาชิกเพิ่มขึ้นไม่น้อยกว่า 300 คน และที่ประชุมใหญ่รับรองระเบียบใหม่",
        expected_result="กองทุนมีเงินออมเพิ่ม จ่ายสวัสดิการได้ครอบคลุมขึ้น",
        answers=("f_sajja", "f_match", "b_hospital", "b_scholar"),
    ),
    _A(
        activity="ฝึกอาชีพและตลาดนัดชุมชนสำหรับผู้สูงอายุและคนพิการ",
        objective="สร้างรายได้เสริม ลดการพึ่งหนี้นอกระบบ",
        target_group="ผู้สูงอายุและคนพิการที่ยังทำงานได้ 40 คน",
        area="หมู่ 5 ลานหน้าวัดโนนศิลาราม",
        lead_organisation="มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุอีสาน",
        partners="คณะมนุษยศาสตร์และสังคมศาสตร์ มข., วัดโนนศิลาราม, กองทุนหมู่บ้านหมู่ 5, เทศบาลเมืองศิลา",
        budget_baht=45_000,
        fund_source="tao",
        start=date(2027, 4, 15),
        end=date(2027, 9, 30),
        indicator="ผู้เข้าอบรมมีรายได้เสริมเฉลี่ยไม่น้อยกว่าเดือนละ 1,000 บาท",
        expected_result="ผู้สูงอายุและคนพิการมีอาชีพ มีรายได้ และมีตลาดนัดหน้าวัดทุกวันพระ",
        answers=("rc_income", "rc_debt", "b_training", "f_village"),
    ),
)

_K = SampleCommitment
COMMITMENTS: tuple[SampleCommitment, ...] = (
    _K("tao_mayor", 0, "เทศบาลเมืองศิลาจะจัดรถตู้เพิ่มอีก 1 คันพร้อมคนขับ รับส่งผู้ป่วยไปตามนัดสัปดาห์ละ 2 วัน"),
    _K("rpst", 0, "รพ.สต.ศิลาจะส่งรายชื่อผู้ป่วยที่มีนัดให้ อบต. ทุกสิ้นเดือน เพื่อจัดรอบรถล่วงหน้า"),
    _K("elder_ctr", 1, "ศูนย์ฯ จะให้ยืมกายอุปกรณ์ 15 ชุด และจัดอบรม อผส. รุ่นใหม่ 20 คน"),
    _K("aphs", 1, "อผส.จะแบ่งโซนเยี่ยมบ้านใหม่ ให้ผู้ป่วยติดเตียงทุกหลังมีคนไปเยี่ยมอย่างน้อยสัปดาห์ละครั้ง"),
    _K("shop", 2, "ร้านศิลาวัสดุก่อสร้างจะสนับสนุนวัสดุมูลค่า 20,000 บาท และส่งช่างอาสา 2 คน"),
    _K("fund_chair", 3, "กองทุนฯ จะเสนอที่ประชุมใหญ่เพิ่มค่าเฝ้าไข้คืนละ 100 บาท และเพิ่มทุนการศึกษาเป็น 60 ทุน"),
    _K("kku", 1, "คณะมนุษยศาสตร์ฯ มข. จะส่งนักศึกษาช่วยทำฐานข้อมูลกลางและปฏิทินลงพื้นที่ร่วม"),
    _K("foundation", 4, "มูลนิธิจะจัดวิทยากรสอนทอผ้าและจักสาน 3 รุ่น และช่วยหาตลาดออนไลน์ให้"),
    # The visits the room complained of ("o_calendar") about to happen twice: the console flags it.
    _K("rpst", 0, "รพ.สต.จะเยี่ยมบ้านดูแลผู้สูงอายุติดเตียงที่บ้านหลังกลับจากโรงพยาบาล"),
)


# The follow-up forum a few months on: what owners reported since, and the activity carried into its plan.
@dataclass(frozen=True)
class SampleReport:
    subject: str  # item | commitment
    index: int  # into ACTION_ITEMS or COMMITMENTS
    status: str  # not_started | in_progress | done | blocked | dropped
    percent: int
    note: str
    spent_baht: int
    reported_on: date


FOLLOW_UP_TITLE_TH = "เวทีติดตามผลสวัสดิการสังคมตำบลศิลา ครั้งที่ 2/2570"
FOLLOW_UP_TITLE_EN = "Sila Tambon Social Welfare Follow-up Forum, session 2/2027"
FOLLOW_UP_VENUE = "ศาลาประชาคมหมู่ 5 ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
FOLLOW_UP_DATE = date(2027, 7, 15)
# Who came back for the follow-up (SampleParticipant keys): the owners who report in the room.
FOLLOW_UP_PEOPLE = ("tao_mayor", "rpst", "elder_ctr", "aphs", "fund_chair", "foundation", "disab_club", "apm")
CARRIED_INDEX = 4  # the market, blocked until the rains end: carried into the new plan

_R = SampleReport
REPORTS: tuple[SampleReport, ...] = (
    _R("commitment", 0, "in_progress", 40, "เริ่มวิ่งรถตู้สัปดาห์ละ 2 วันตั้งแต่ 1 เม.ย.", 12_000, date(2027, 4, 30)),
    _R("commitment", 0, "in_progress", 70, "รับส่งผู้ป่วยแล้ว 41 คน ขาดนัด 2 คน", 31_500, date(2027, 6, 30)),
    _R("commitment", 1, "done", 100, "ส่งรายชื่อผู้ป่วยที่มีนัดให้เทศบาลทุกสิ้นเดือนแล้ว", 0, date(2027, 6, 30)),
    _R("commitment", 8, "in_progress", 30, "เยี่ยมบ้านหลังกลับจากโรงพยาบาลแล้ว 5 ราย", 0, date(2027, 6, 15)),
    _R("commitment", 2, "in_progress", 60, "ส่งกายอุปกรณ์แล้ว 9 ชุด อบรม อผส. รุ่นใหม่ 20 คนแล้ว", 24_000, date(2027, 6, 20)),
    _R("commitment", 3, "done", 100, "แบ่งโซนเยี่ยมบ้านครบทุกหมู่แล้ว", 0, date(2027, 5, 31)),
    _R("commitment", 6, "blocked", 20, "รอข้อมูลผู้ป่วยจาก รพ.สต. ตามระเบียบคุ้มครองข้อมูลส่วนบุคคล", 0, date(2027, 6, 10)),
    _R("item", 2, "in_progress", 10, "สำรวจบ้านครบ 6 หลังแล้ว รอวัสดุ", 4_000, date(2027, 7, 1)),
    _R("item", 3, "done", 100, "ที่ประชุมใหญ่รับรองระเบียบใหม่แล้ว สมาชิกใหม่ 320 คน", 38_000, date(2027, 6, 12)),
    _R("commitment", 7, "blocked", 25, "อบรมรุ่นแรกแล้ว ตลาดนัดหน้าวัดเลื่อนไปหลังออกพรรษา", 9_000, date(2027, 7, 5)),
)
