"""A district's profile: its departments and who leads which indicator.

Kept apart from the year's indicator definitions because the assignment differs per
district (获得电力 is led by 区住建局 in one district and by the power company in another).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from models.periods import Period
from models.records import FORBID_EXTRA
from models.targets import Target
from models.texts import SHOWN_INSTEAD, writable
from models.workflow import parse_deadline

_CODE = re.compile(r"[a-z][a-z0-9_]*")


def check_code(code: str, what: str = "代码", max_length: int = 48) -> None:
    """Codes name things in files and the database: plain, stable and short."""
    if not _CODE.fullmatch(code):
        raise ValueError(f"{what}“{code}”：代码只能由小写字母、数字和下划线组成，并以字母开头")
    if len(code) > max_length:
        raise ValueError(f"{what}“{code}”太长（最多 {max_length} 个字符）")


def check_text(text: str, what: str) -> None:
    if not text:
        raise ValueError(f"{what}不能为空")


@dataclass(frozen=True, slots=True, kw_only=True)
class Department:
    __pydantic_config__ = FORBID_EXTRA

    code: str
    name: str
    aliases: tuple[str, ...] = ()  # other ways reports name the department
    retired: bool = False  # no longer files figures; kept so its earlier figures keep a name

    def __post_init__(self) -> None:
        check_code(self.code, "部门代码", max_length=32)
        check_text(self.name, "部门名称 name")


@dataclass(frozen=True, slots=True, kw_only=True)
class Contacts:
    """Defaults written into workbook header blocks."""

    __pydantic_config__ = FORBID_EXTRA

    filer: str = ""  # 填报人
    phone: str = ""  # 联系电话
    reviewer: str = ""  # 审核人
    head: str = ""  # 负责人


# The statistical form's own particulars, printed at the top right of every indicator sheet.
FORM_FIELDS = {"form_number": "表号", "authority": "制表机关", "approval": "批准文号", "valid_until": "有效期至"}


@dataclass(frozen=True, slots=True, kw_only=True)
class FormHeader:
    """表号, 制表机关, 批准文号, 有效期至 as the province's notice gives them; empty ones are printed
    as blank lines to write on."""

    __pydantic_config__ = FORBID_EXTRA

    form_number: str = ""  # 表号
    authority: str = ""  # 制表机关
    approval: str = ""  # 批准文号
    valid_until: str = ""  # 有效期至

    def items(self) -> list[tuple[str, str]]:
        """(label, text) in the order a form prints them."""
        return [(label, getattr(self, name)) for name, label in FORM_FIELDS.items()]


@dataclass(frozen=True, slots=True, kw_only=True)
class DistrictYear:
    """What a district sets for one evaluation year: its own targets and what does not apply to it.

    ``targets`` None: the year's catalog's own targets apply; a dict (even empty) replaces them.
    ``not_applicable``: indicator or metric code → why it is not assessed here (a reason is required).
    """

    __pydantic_config__ = FORBID_EXTRA

    targets: dict[str, Target] | None = None
    not_applicable: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for code in (*(self.targets or {}), *self.not_applicable):
            check_code(code, "指标代码")
        for code, reason in self.not_applicable.items():
            if not reason.strip():
                raise ValueError(f"{code} 标为不适用，须写明原因")


@dataclass(frozen=True, slots=True, kw_only=True)
class DistrictProfile:
    __pydantic_config__ = FORBID_EXTRA

    district: str  # 区县名称
    coordinator: str  # department code of the 营商办
    departments: tuple[Department, ...]
    leads: dict[str, str]  # indicator code → lead department code
    cooperating: dict[str, tuple[str, ...]] = field(default_factory=dict)  # indicator code → 配合单位 codes
    contacts: Contacts = field(default_factory=Contacts)
    form: FormHeader = field(default_factory=FormHeader)
    filers: dict[str, str] = field(default_factory=dict)  # metric code → 填报单位 code (default: the indicator's lead)
    years: dict[int, DistrictYear] = field(default_factory=dict)  # evaluation year → the district's settings
    deadlines: dict[str, str] = field(default_factory=dict)  # period code → the day departments must submit by

    def __post_init__(self) -> None:
        check_text(self.district, "区县名称 district")
        if not self.departments:
            raise ValueError("部门列表 departments 至少要有 1 项")
        self._known_departments()
        for period, day in self.deadlines.items():
            Period.parse(period)
            parse_deadline(day)

    def deadline(self, period: str) -> date | None:
        """The day the departments must submit ``period`` by, if the profile sets one."""
        day = self.deadlines.get(period)
        return parse_deadline(day) if day else None

    def _known_departments(self) -> None:
        codes = [d.code for d in self.departments]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(f"部门代码重复：{'、'.join(duplicates)}")
        known = set(codes)
        if self.coordinator not in known:
            raise ValueError(f"营商办部门代码“{self.coordinator}”不在部门列表中")
        retired = {d.code for d in self.departments if d.retired}
        for role, assigned in (("牵头单位", self.leads), ("填报单位", self.filers)):
            for code, dept in assigned.items():
                if dept not in known:
                    raise ValueError(f"指标 {code} 的{role}“{dept}”不在部门列表中")
                if dept in retired:
                    raise ValueError(f"指标 {code} 的{role}“{dept}”已撤销，请先指定新的{role}")
        for indicator, depts in self.cooperating.items():
            for dept in depts:
                if dept not in known:
                    raise ValueError(f"指标 {indicator} 的配合单位“{dept}”不在部门列表中")

    def department(self, code_or_name: str) -> Department | None:
        """Find a department by its code, else its name, else one of its aliases.

        A code always means its own department, even in a profile stored before names had to be
        unique (where another department may carry it as a name or an alias).
        """
        wanted = code_or_name.strip()
        for answers in (lambda d: (d.code,), lambda d: (d.name,), lambda d: d.aliases):
            found = next((dept for dept in self.departments if wanted in answers(dept)), None)
            if found is not None:
                return found
        if SHOWN_INSTEAD in wanted:  # a name as a workbook shows it when an older version stored it
            return next((d for d in self.departments if wanted in map(writable, (d.name, *d.aliases))), None)
        return None


_ROLES = {"code": "代码", "name": "名称", "alias": "别名"}


def shared_names(departments: tuple[Department, ...]) -> dict[str, list[tuple[Department, str]]]:
    """Each text that more than one department answers to (as code, name or alias), with who and as what.

    Not checked when a profile is built: a profile stored before this rule must still open (and be
    mended); changes refuse what would add to it (see app.profile).
    """
    answering: dict[str, list[tuple[Department, str]]] = {}
    for dept in departments:
        roles = {dept.code: "code", **{alias: "alias" for alias in dept.aliases}, dept.name: "name"}
        for text, role in roles.items():
            answering.setdefault(text, []).append((dept, role))
    return {text: found for text, found in answering.items() if len(found) > 1}


def describe_shared(text: str, found: list[tuple[Department, str]], known: dict[str, str] | None = None) -> str:
    """“区法院”同时是区法院（court）的名称和区司法局（justice）的别名; departments are called by
    the names in ``known`` (code → name before the change) when given."""
    known = known or {}
    roles = [f"{known.get(dept.code, dept.name)}（{dept.code}）的{_ROLES[role]}" for dept, role in found]
    return f"“{text}”同时是{'、'.join(roles[:-1])}和{roles[-1]}"
