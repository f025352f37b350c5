"""A district's profile: its departments and who leads which indicator.

Kept apart from the year's indicator definitions because the assignment differs per
district (获得电力 is led by 区住建局 in one district and by the power company in another).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

_CODE = r"^[a-z][a-z0-9_]*$"


class Department(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=_CODE, max_length=32)
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()  # other ways reports name the department
    retired: bool = False  # no longer files figures; kept so its earlier figures keep a name


class Contacts(BaseModel):
    """Defaults written into workbook header blocks."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    filer: str = ""  # 填报人
    phone: str = ""  # 联系电话
    reviewer: str = ""  # 审核人
    head: str = ""  # 负责人


class DistrictProfile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    district: str = Field(min_length=1)  # 区县名称
    coordinator: str  # department code of the 营商办
    departments: tuple[Department, ...] = Field(min_length=1)
    leads: dict[str, str]  # indicator code → lead department code
    cooperating: dict[str, tuple[str, ...]] = {}  # indicator code → 配合单位 codes
    contacts: Contacts = Contacts()

    @model_validator(mode="after")
    def _known_departments(self) -> DistrictProfile:
        codes = [d.code for d in self.departments]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(f"部门代码重复：{'、'.join(duplicates)}")
        known = set(codes)
        if self.coordinator not in known:
            raise ValueError(f"营商办部门代码“{self.coordinator}”不在部门列表中")
        retired = {d.code for d in self.departments if d.retired}
        for indicator, dept in self.leads.items():
            if dept not in known:
                raise ValueError(f"指标 {indicator} 的牵头单位“{dept}”不在部门列表中")
            if dept in retired:
                raise ValueError(f"指标 {indicator} 的牵头单位“{dept}”已撤销，请先指定新的牵头单位")
        for indicator, depts in self.cooperating.items():
            for dept in depts:
                if dept not in known:
                    raise ValueError(f"指标 {indicator} 的配合单位“{dept}”不在部门列表中")
        return self

    def department(self, code_or_name: str) -> Department | None:
        """Find a department by its code, its name or one of its aliases."""
        wanted = code_or_name.strip()
        for dept in self.departments:
            if wanted in (dept.code, dept.name, *dept.aliases):
                return dept
        return None
