"""One description per ledger field.

The same :class:`Field` list feeds the table columns, the generated entry forms,
the importer's header matching and the roster export, so a field is declared
exactly once. Labels are data (Chinese and English) because exports are always
Chinese whatever the UI language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from commdesk.domain import i18n

# Field kinds understood by validation, forms and the importer.
TEXT = "text"
LONGTEXT = "longtext"
ID_NUMBER = "id_number"
MOBILE = "mobile"
PHONE = "phone"
DATE = "date"
INT = "int"
FLOAT = "float"
BOOL = "bool"
CHOICE = "choice"
CHOICES = "choices"  # several codes of one catalogue (a worker's posts), stored as "SEC,DIR"
GENDER = "gender"
YEAR = "year"
DIVISION_CODE = "division_code"
TEAM = "team"  # reference to a volunteer team
VOLUNTEERS = "volunteers"  # many-to-many link, not a column


@dataclass(frozen=True)
class Field:
    name: str
    zh: str
    en: str
    kind: str = TEXT
    required: bool = False
    catalogue: str | None = None
    max_length: int = 100
    minimum: float | None = 0
    maximum: float | None = None
    not_future: bool = False
    earliest: date | None = None
    units: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    width: int = 110
    summable: bool = False
    default: object = None
    keep_on_save_and_new: bool = False
    derived_from_id: bool = False
    visible: bool = True

    def label(self) -> str:
        return self.zh if i18n.is_chinese() else self.en

    @property
    def is_column(self) -> bool:
        return self.kind != VOLUNTEERS


@dataclass(frozen=True)
class Ledger:
    name: str  # also the table name
    zh: str
    en: str
    fields: tuple[Field, ...]
    date_field: str | None = None
    title_field: str | None = None
    person: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    def label(self) -> str:
        return self.zh if i18n.is_chinese() else self.en

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def columns(self) -> list[Field]:
        return [f for f in self.fields if f.is_column]


_NAME_SYNONYMS = ("姓名", "名字", "人员姓名", "志愿者姓名")
_ID_SYNONYMS = ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "证件号")
_MOBILE_SYNONYMS = ("联系电话", "手机", "手机号", "手机号码", "电话", "联系方式", "电话号码")
_GENDER_SYNONYMS = ("性别",)
_BIRTH_SYNONYMS = ("出生日期", "出生年月", "生日", "出生年月日")
_STATUS_SYNONYMS = ("状态", "人员状态", "在册状态")
_NOTES_SYNONYMS = ("备注", "说明")
_EARLIEST_SERVICE = date(2000, 1, 1)
# Providers (provider_kind codes) whose service is itself volunteers' work: their
# records carry how many volunteers took part, named or not (see returns.md,
# "Volunteer participation"; the return definition lists the same codes).
VOLUNTEER_PROVIDERS = ("VOL", "TEAM")

PROFILE = Ledger(
    name="community",
    zh="社区信息",
    en="Community profile",
    title_field="name",
    fields=(
        Field("name", "社区（村）名称", "Community name", required=True, max_length=60, width=200),
        Field("kind", "类型", "Kind", CHOICE, required=True, catalogue="community_kind"),
        Field(
            "division_code",
            "统计用区划代码",
            "Statistical division code",
            DIVISION_CODE,
            required=True,
            max_length=12,
        ),
        Field(
            "township_name", "所属乡镇（街道）", "Township / street", required=True, max_length=60
        ),
        Field("households", "户数", "Households", INT, required=True, units=("户",)),
        Field(
            "resident_population",
            "常住人口",
            "Resident population",
            INT,
            required=True,
            units=("人",),
        ),
        Field("registered_population", "户籍人口", "Registered population", INT, units=("人",)),
        Field("committee_members", "“两委”成员数", "Committee members", INT, units=("人",)),
        Field("secretary_is_director", "书记、主任“一肩挑”", "Secretary is also director", BOOL),
        Field("unit_head", "单位负责人", "Unit head", max_length=30),
        Field("statistics_head", "统计负责人", "Statistics head", max_length=30),
        Field("preparer", "填表人", "Preparer", max_length=30),
        Field("phone", "联系电话", "Phone", PHONE, max_length=30),
    ),
)

SERVICES = Ledger(
    name="service_record",
    zh="服务台账",
    en="Service records",
    date_field="service_date",
    title_field="description",
    fields=(
        Field(
            "service_date",
            "服务日期",
            "Date",
            DATE,
            required=True,
            not_future=True,
            earliest=_EARLIEST_SERVICE,
            synonyms=("日期", "时间", "服务时间", "开展日期", "活动日期"),
            width=100,
            keep_on_save_and_new=True,
        ),
        Field(
            "category_code",
            "服务类别",
            "Category",
            CHOICE,
            required=True,
            catalogue="service_category",
            synonyms=("服务项目", "类别", "服务类型", "项目"),
            width=150,
            keep_on_save_and_new=True,
        ),
        Field(
            "target_group_code",
            "服务对象",
            "Target group",
            CHOICE,
            required=True,
            catalogue="target_group",
            synonyms=("对象类别", "服务对象类别", "服务人群", "对象", "服务对象类型", "对象类型"),
            default="GEN",
            width=110,
        ),
        Field(
            "people_served",
            "服务人次",
            "People served",
            INT,
            required=True,
            units=("人次", "人", "次"),
            synonyms=("人次", "人数", "服务人数", "受益人次", "服务人次数", "受益人数"),
            default=1,
            summable=True,
            width=80,
        ),
        Field(
            "hours",
            "服务时长（小时）",
            "Hours",
            FLOAT,
            units=("小时", "h", "时"),
            synonyms=("服务时长", "时长", "时长(小时)", "小时", "用时"),
            maximum=10000,
            summable=True,
            width=80,
        ),
        Field(
            "provider_kind_code",
            "服务提供方",
            "Provider",
            CHOICE,
            required=True,
            catalogue="provider_kind",
            synonyms=("提供方", "服务主体", "服务提供者"),
            default="STAFF",
            keep_on_save_and_new=True,
            width=110,
        ),
        Field(
            "channel_code",
            "服务方式",
            "Channel",
            CHOICE,
            required=True,
            catalogue="channel",
            synonyms=("方式", "渠道", "办理方式"),
            default="SITE",
            width=80,
        ),
        Field(
            "team_id",
            "志愿服务队",
            "Volunteer team",
            TEAM,
            synonyms=("服务队", "志愿队"),
            visible=False,
        ),
        Field(
            "volunteers",
            "参与志愿者",
            "Volunteers",
            VOLUNTEERS,
            synonyms=(
                "志愿者",
                "参与志愿者",
                "参与人员",
                "参与志愿者姓名",
                "志愿者名单",
                "参加志愿者",
            ),
            width=140,
        ),
        Field(
            "volunteer_count",
            "参与志愿者人数",
            "Volunteers taking part",
            INT,
            units=("人", "人次"),
            synonyms=(
                "志愿者人数",
                "参与志愿者人数",
                "志愿者参与人数",
                "参与志愿者数",
                "志愿者数",
                "志愿者人次",
            ),
            maximum=10000,
            summable=True,
            width=90,
        ),
        Field("place", "服务地点", "Place", max_length=100, synonyms=("地点", "活动地点")),
        Field(
            "description",
            "服务内容",
            "Description",
            LONGTEXT,
            max_length=500,
            synonyms=("内容", "服务事项", "事项", "活动内容", "摘要"),
            width=220,
        ),
        Field(
            "recipient_name",
            "服务对象姓名",
            "Recipient name",
            max_length=30,
            synonyms=("对象姓名", "受助人", "服务对象姓名"),
            visible=False,
        ),
        Field(
            "recipient_id_number",
            "服务对象身份证号",
            "Recipient ID number",
            ID_NUMBER,
            max_length=18,
            synonyms=("对象身份证号", "服务对象身份证号码"),
            visible=False,
        ),
    ),
)

FACILITIES = Ledger(
    name="facility",
    zh="服务设施",
    en="Facilities",
    title_field="name",
    fields=(
        Field(
            "name", "设施名称", "Name", required=True, max_length=80, synonyms=("名称",), width=180
        ),
        Field(
            "type_code",
            "设施类型",
            "Type",
            CHOICE,
            required=True,
            catalogue="facility_type",
            synonyms=("类型", "类别"),
            width=170,
        ),
        Field(
            "floor_area",
            "建筑面积（m²）",
            "Floor area (m²)",
            FLOAT,
            units=("平方米", "㎡", "m2", "m²"),
            synonyms=("建筑面积", "面积", "总建筑面积", "建筑面积平方米"),
            maximum=1_000_000,
            summable=True,
        ),
        Field(
            "activity_area",
            "其中：居民活动区域面积（m²）",
            "Of which for residents' activities (m²)",
            FLOAT,
            units=("平方米", "㎡", "m2", "m²"),
            synonyms=("居民活动区域面积", "活动面积"),
            maximum=1_000_000,
            summable=True,
        ),
        Field(
            "status_code",
            "状态",
            "Status",
            CHOICE,
            required=True,
            catalogue="facility_status",
            default="in_use",
            synonyms=("使用状态",),
            width=80,
        ),
        Field(
            "ownership_code",
            "产权",
            "Ownership",
            CHOICE,
            catalogue="ownership",
            synonyms=("产权性质", "权属"),
            width=80,
        ),
        Field(
            "year_opened",
            "建成年份",
            "Year opened",
            YEAR,
            minimum=1900,
            synonyms=("建成时间", "投用年份", "启用年份"),
            width=80,
        ),
        Field("closed_on", "停用日期", "Closed on", DATE, not_future=True, visible=False),
        Field(
            "hours_per_week",
            "每周开放时长（小时）",
            "Opening hours per week",
            FLOAT,
            units=("小时",),
            maximum=168,
            synonyms=("开放时长", "每周开放时间"),
        ),
        Field("barrier_free", "无障碍设施", "Barrier-free", BOOL, synonyms=("无障碍",), width=80),
        Field(
            "self_service_terminal",
            "政务自助终端",
            "Self-service terminal",
            BOOL,
            synonyms=("自助终端", "政务自助服务终端"),
            width=90,
        ),
        Field(
            "smart_services",
            "智慧化服务",
            "Smart services",
            BOOL,
            synonyms=("智慧服务", "数字化服务"),
            width=90,
        ),
        Field("address", "地址", "Address", max_length=120, synonyms=("位置",), width=180),
        Field(
            "planned_renovation",
            "补短板计划",
            "Planned renovation",
            LONGTEXT,
            max_length=300,
            synonyms=("改造计划", "提升改造"),
            visible=False,
        ),
        Field(
            "notes",
            "备注",
            "Notes",
            LONGTEXT,
            max_length=500,
            synonyms=_NOTES_SYNONYMS,
            visible=False,
        ),
    ),
)

# Name, ID and what the ID implies, and a mobile: shared by every roster of people.
_PERSON_FIELDS = (
    Field("name", "姓名", "Name", required=True, max_length=30, synonyms=_NAME_SYNONYMS, width=90),
    Field(
        "id_number",
        "身份证号",
        "ID number",
        ID_NUMBER,
        required=True,
        max_length=18,
        synonyms=_ID_SYNONYMS,
        width=160,
    ),
    Field(
        "gender",
        "性别",
        "Gender",
        GENDER,
        synonyms=_GENDER_SYNONYMS,
        derived_from_id=True,
        width=50,
    ),
    Field(
        "birth_date",
        "出生日期",
        "Birth date",
        DATE,
        not_future=True,
        earliest=date(1900, 1, 1),
        synonyms=_BIRTH_SYNONYMS,
        derived_from_id=True,
        width=100,
    ),
    Field(
        "mobile",
        "手机号码",
        "Mobile",
        MOBILE,
        max_length=20,
        synonyms=_MOBILE_SYNONYMS,
        width=110,
    ),
)

VOLUNTEERS_LEDGER = Ledger(
    name="volunteer",
    zh="志愿者",
    en="Volunteers",
    title_field="name",
    person=True,
    fields=(
        *_PERSON_FIELDS,
        Field(
            "political_status_code",
            "政治面貌",
            "Political status",
            CHOICE,
            catalogue="political_status",
            synonyms=("政治面貌", "政治身份"),
            width=90,
        ),
        Field(
            "skills",
            "专长",
            "Skills",
            max_length=100,
            synonyms=("特长", "技能", "服务专长", "专业特长", "志愿服务特长"),
        ),
        Field(
            "team_id",
            "志愿服务队",
            "Team",
            TEAM,
            synonyms=(
                "所属服务队",
                "服务队",
                "所属队伍",
                "所属志愿服务队",
                "所在服务队",
                "志愿队伍",
            ),
        ),
        Field(
            "platform_registered",
            "已在全国志愿服务信息系统注册",
            "Registered on national platform",
            BOOL,
            synonyms=(
                "是否注册",
                "平台注册",
                "已注册",
                "是否在平台注册",
                "是否注册志愿者",
                "是否在全国志愿服务信息系统注册",
                "注册情况",
            ),
            width=90,
        ),
        Field(
            "platform_number",
            "平台注册编号",
            "Platform number",
            max_length=40,
            synonyms=("注册编号", "志愿者编号"),
            visible=False,
        ),
        Field(
            "joined_date",
            "加入日期",
            "Joined",
            DATE,
            not_future=True,
            earliest=date(1950, 1, 1),
            synonyms=("加入时间", "注册日期", "入队时间", "入队日期", "加入志愿者时间", "入会时间"),
            width=100,
        ),
        Field(
            "left_date",
            "退出日期",
            "Left",
            DATE,
            not_future=True,
            synonyms=("退出时间", "离队时间", "离队日期", "注销时间", "注销日期"),
            visible=False,
        ),
        Field(
            "status_code",
            "状态",
            "Status",
            CHOICE,
            required=True,
            catalogue="person_status",
            default="active",
            synonyms=_STATUS_SYNONYMS,
            width=60,
        ),
        Field(
            "notes",
            "备注",
            "Notes",
            LONGTEXT,
            max_length=500,
            synonyms=_NOTES_SYNONYMS,
            visible=False,
        ),
    ),
)

TEAMS = Ledger(
    name="volunteer_team",
    zh="志愿服务队",
    en="Volunteer teams",
    title_field="name",
    fields=(
        Field(
            "name",
            "服务队名称",
            "Team name",
            required=True,
            max_length=60,
            synonyms=("名称", "队名"),
            width=200,
        ),
        Field("leader", "负责人", "Leader", max_length=30, synonyms=("队长",)),
        Field("founded_date", "成立日期", "Founded", DATE, not_future=True),
        Field("dissolved_date", "解散日期", "Dissolved", DATE, not_future=True, visible=False),
        Field("notes", "备注", "Notes", LONGTEXT, max_length=500, synonyms=_NOTES_SYNONYMS),
    ),
)

WORKERS = Ledger(
    name="worker",
    zh="社区工作者",
    en="Community workers",
    title_field="name",
    person=True,
    fields=(
        *_PERSON_FIELDS,
        # One person, one row: a 书记兼主任 (一肩挑) is one worker with posts SEC and DIR.
        Field(
            "position_codes",
            "职务",
            "Posts",
            CHOICES,
            required=True,
            catalogue="position",
            synonyms=("岗位", "职位", "现任职务", "职务"),
            width=130,
        ),
        Field(
            "is_committee_member",
            "“两委”成员",
            "Committee member",
            BOOL,
            synonyms=("两委成员", "是否两委成员", "两委", "是否两委委员", "两委委员"),
            width=80,
        ),
        Field(
            "education_code",
            "学历",
            "Education",
            CHOICE,
            catalogue="education",
            synonyms=("文化程度", "最高学历"),
            width=90,
        ),
        Field(
            "sw_cert_code",
            "社会工作职业资格",
            "Social-work certificate",
            CHOICE,
            catalogue="sw_certificate",
            default="NONE",
            synonyms=(
                "社工证",
                "社工资格",
                "职业资格",
                "社会工作者职业资格",
                "社工证书",
                "社会工作者证书",
                "持证情况",
            ),
            width=120,
        ),
        Field(
            "employed_since",
            "任职日期",
            "Employed since",
            DATE,
            not_future=True,
            earliest=date(1950, 1, 1),
            synonyms=(
                "入职日期",
                "任职时间",
                "参加工作时间",
                "入职时间",
                "任职起始日期",
                "任现职时间",
            ),
            width=100,
        ),
        Field(
            "left_date",
            "离任日期",
            "Left",
            DATE,
            not_future=True,
            synonyms=("离任时间", "离职日期", "离职时间", "退出日期", "退出时间"),
            visible=False,
        ),
        Field(
            "status_code",
            "状态",
            "Status",
            CHOICE,
            required=True,
            catalogue="person_status",
            default="active",
            synonyms=_STATUS_SYNONYMS,
            width=60,
        ),
        Field(
            "notes",
            "备注",
            "Notes",
            LONGTEXT,
            max_length=500,
            synonyms=_NOTES_SYNONYMS,
            visible=False,
        ),
    ),
)

LEDGERS: dict[str, Ledger] = {
    ledger.name: ledger
    for ledger in (PROFILE, SERVICES, FACILITIES, VOLUNTEERS_LEDGER, TEAMS, WORKERS)
}
