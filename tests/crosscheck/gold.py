"""Hand-labelled figures of seed 000 (a district's quarterly report) and seed 004 (an action plan).

Each entry is (the words around the figure with the figure in 【】, metric code, value in the
metric's unit).  The list is meant to be complete: every figure of the two texts that states a
catalog metric is here, so matches outside it count against precision.  Judgement calls:
- 公开招标不见面开标项目数63个 is pc_open_remote, the metric of exactly that name (with 不见面开标率
  100% the number of public tenders is the same 63);
- 由100千伏安提升至160千伏安: both are the low-voltage capacity, 100 before the change;
- 2022年管网漏损率9.33%: the leak rate, of last year;
- 企业开办压缩至0.5个工作日 is the business start time: 4 hours;
- seed 004 states targets; 力争达到100% (automation coverage, the clause names no metric) is kept
  although the matcher does not find it;
- not labelled: counts no metric measures (16个一级指标, 百场校招, 修正…数据一千余条, 已引进53家企业) and
  figures in another unit than the metric's (原先15天 for a limit counted in working days).
"""

from __future__ import annotations

from dataclasses import dataclass

SEED_000 = [
    ("共有依申请政务服务事项【1297项】", "gs_items", 1297),
    ("按网办深度划分,网上可办率【100%】", "gs_online_rate", 100),
    ("网上可办率100%,全程网办率【99.38%】", "gs_full_online_rate", 99.38),
    ("秒批秒办事项【33项】", "gs_instant_items", 33),
    ("提出【24项】短、中、长期重点任务", "gs_key_tasks", 24),
    ("对【74项】涉企经营许可事项", "gs_license_reform_items", 74),
    ("规范了【20项】行政许可中介服务", "gs_intermediary_items", 20),
    ("梳理了【141项】涉企行政备案事项", "gs_filing_items", 141),
    ("三级政务服务事项【220项】", "gs_three_level_items", 220),
    ("召开调度会议【7次】", "gs_dispatch_meetings", 7),
    ("全区事项网上可办率为【100%】", "gs_online_rate", 100),
    ("全程网办率为【99.38%】", "gs_full_online_rate", 99.38),
    ("清单事项【176项】", "gs_nearby_items", 176),
    ("176项【109233件】", "gs_nearby_cases", 109233),
    ("法定工作日分别为【10个】", "cp_construction_legal_days", 10),
    ("分别为10个、【20个】、20个工作日", "cp_fire_design_legal_days", 20),
    ("分别为10个、20个、【20个工作日】", "cp_fire_accept_legal_days", 20),
    ("压缩至【5个】、7个", "cp_construction_promise_days", 5),
    ("压缩至5个、【7个】、15个工作日", "cp_fire_design_promise_days", 7),
    ("5个、7个、【15个工作日】", "cp_fire_accept_promise_days", 15),
    ("线上办电率达【99.98%】", "el_online_rate", 99.98),
    ("低压办电环节压减至【2个】", "el_low_voltage_steps", 2),
    ("低压接电容量由【100千伏安】", "el_low_voltage_capacity", 100),
    ("提升至【160千伏安】", "el_low_voltage_capacity", 160),
    ("高压办电环节压减至【3个】", "el_high_voltage_steps", 3),
    ("【1250KVA】及以下现场答复供电方案", "el_onsite_reply_capacity", 1250),
    ("招标投标项目【17个】", "bd_required_projects", 17),
    ("招标投标项目【3个】", "bd_small_projects", 3),
    ("2022年管网漏损率【9.33%】", "wg_leak_rate", 9.33),
    ("管网漏水率已下降至【8.93%】", "wg_leak_rate", 8.93),
    ("本区域管网漏水率为【9%】", "wg_dma_leak_rate", 9),
    ("走访企业为【31159户次】", "tx_firm_visits", 31159),
    ("重点办税人员【970人次】", "tx_staff_visits", 970),
    ("联系开展【7期】", "tx_campaigns", 7),
    ("培训辅导企业【8000余户次】", "tx_trained_firms", 8000),
    ("走访了区内【10家】", "cr_firm_visits", 10),
    ("累计为【超20家】企业开展服务", "cr_served_firms", 20),
    ("政银企融资对接活动【6次】", "cr_matchmaking_events", 6),
    ("参会企业达【40余家】", "cr_matchmaking_firms", 40),
    ("融资对接【近千万元】", "cr_financing_amount", 1000),
    ("旧存【665件】", "ct_cases_old", 665),
    ("665件)【34200件】", "ct_cases_accepted", 34200),
    ("结案【28936件】", "ct_cases_closed", 28936),
    ("结案率【84.61%】", "ct_close_rate", 84.61),
    ("走访辖区律所【70余家】", "ct_law_firm_visits", 70),
    ("律所70余家、企业【150余家】", "ct_firm_visits", 150),
    ("执转破立案【12件】", "bk_exec_to_bankruptcy", 12),
    ("线上招聘会【197场】", "lb_fairs_online", 197),
    ("线下【19场】", "lb_fairs_offline", 19),
    ("共【216场】", "lb_fairs_total", 216),
    ("共组织【11943家】", "lb_fair_firms", 11943),
    ("就业岗位【302904个】", "lb_jobs_offered", 302904),
    ("简历【26456份】", "lb_resumes", 26456),
    ("就业意向【10580】", "lb_hiring_intents", 10580),
    ("创业担保贷款【1470万元】", "lb_startup_loans", 1470),
    ("扶持创业人数【45人】", "lb_startup_people", 45),
    ("带动就业人数【222人】", "lb_jobs_driven", 222),
    ("时间压缩至【1天】", "lb_registration_days", 1),
    ("缩减到【8个工作日】", "lb_special_hours_days", 8),
    ("采购计划金额【39238万元】", "pc_planned", 39238),
    ("实际采购金额【36922万元】", "pc_actual", 36922),
    ("节约资金【2316万元】", "pc_saved", 2316),
    ("资金节约率为【5.9%】", "pc_saving_rate", 5.9),
    ("电子卖场采购金额【6074.82万元】", "pc_emall_amount", 6074.82),
    ("比去年同期增长【102.46%】", "pc_emall_growth", 102.46),
    ("公开采购意向【139条】", "pc_intent_items", 139),
    ("意向公开率【99.28%】", "pc_intent_rate", 99.28),
    ("不见面开标项目数【63个】", "pc_open_remote", 63),
    ("63个,不见面开标率【100%】", "pc_open_remote_rate", 100),
    ("非公开招标项目数【69个】", "pc_nonopen_projects", 69),
    ("69个,不见面开标率【86.96%】", "pc_nonopen_remote_rate", 86.96),
    ("半天(【三小时】)", "bs_start_hours", 3),
    ("新设立企业【9057户】", "bs_new_firms", 9057),
    ("设立合作社【9户】", "bs_new_coops", 9),
    ("合计同比新增 【41.9%】", "bs_new_growth", 41.9),
    ("合计网上办件率【99.26%】", "bs_new_online_rate", 99.26),
    ("变更【21046次】", "bs_changes", 21046),
    ("同比新增【2.1%】", "bs_changes_growth", 2.1),
    ("合计网上办件率【41.58%】", "bs_change_online_rate", 41.58),
    ("注销企业【2970户】", "bs_cancellations", 2970),
    ("同比新增【33.78%】", "bs_cancel_growth", 33.78),
    ("简易注销【2084户】", "bs_simple_cancellations", 2084),
    ("同比新增【36.92%】", "bs_simple_cancel_growth", 36.92),
    ("企业注销合计网上办件率【79.09%】", "bs_cancel_online_rate", 79.09),
    ("股权出质设立【47次】", "bs_equity_pledges", 47),
    ("同比新增【-14.5%】", "bs_equity_growth", -14.5),
    ("歇业备案【9户】", "bs_suspension_filings", 9),
    ("企业破产注销【5次】", "bs_court_cancellations", 5),
    ("平均每日提供服务【102次】", "bs_hotline_daily", 102),
    ("侵权【15起】", "ip_cases", 15),
    ("移送【1起】", "ip_referrals", 1),
    ("检查工作【115次】", "ms_random_checks", 115),
    ("共检查【2341户】", "ms_checked_entities", 2341),
    ("检查实施清单【426条】", "ms_inventory_items", 426),
    ("双随机监管事项清单数【168条】", "ms_random_items", 168),
    ("重点监管事项清单数【258条】", "ms_key_items", 258),
    ("联合部门检查任务数【36条】", "ms_joint_tasks", 36),
    ("联合部门检查事项数【168条】", "ms_joint_items", 168),
    ("双随机总任务数【115】", "ms_random_checks", 115),
    ("应检查市场主体【2341户】", "ms_checked_entities", 2341),
    ("低风险市场主体数【1户】", "ms_low_risk_entities", 1),
    ("本部门检查事项占比【100%】", "ms_own_items_share", 100),
    ("双随机覆盖率【100%】", "ms_random_coverage", 100),
    ("联合部门检查事项占比【100%】", "ms_joint_share", 100),
    ("实现率【99.96%】", "ms_no_disturb_rate", 99.96),
    ("整合【390项】常用政务事项", "gs_common_items", 390),
    ("受理服务工单共计【7185件】", "gs_assistant_orders", 7185),
    ("各类政务服务事项【1043条】", "gs_oral_items", 1043),
    ("区法院共计走访企业【150余家】", "ct_firm_visits", 150),
    ("共计开展【12场】培训辅导", "tx_trainings", 12),
    ("税企微信群覆盖率平均达【89%】", "tx_wechat_coverage", 89),
    ("调查问卷【800余份】", "tx_surveys", 800),
    ("提示提醒【近73028条】", "tx_policy_pushes", 73028),
    ("覆盖企业【29211户】", "tx_pushed_firms", 29211),
    ("目前已投资【7家】", "cr_fund_investments", 7),
]

SEED_004 = [
    ("企业开办压缩至【0.5个工作日】", "bs_start_hours", 4),
    ("“半日办结率”达到【95%以上】", "bs_half_day_rate", 95),
    ("关键节点覆盖率达到【90%以上】", "el_automation_coverage", 90),
    ("力争达到【100%】,故障复电", "el_automation_coverage", 100),
    ("推进【1250千伏安】及以下", "el_onsite_reply_capacity", 1250),
    ("平均停电时间压缩【25%以上】", "el_outage_cut_rate", 25),
    ("分别压减到【5个】", "el_approval_low_days", 5),
    ("压减到5个、【7个】", "el_approval_10kv_days", 7),
    ("7个、【10个工作日以内】", "el_approval_35kv_days", 10),
    ("线上办电率达到【95%以上】", "el_online_rate", 95),
    ("纳税时间压缩至【70个小时以内】", "tx_time_hours", 70),
    ("平均办理时间压缩到【3个工作日内】", "tx_export_refund_days", 3),
    ("平均审理周期压缩至【90天】", "ct_avg_trial_days", 90),
    ("仲裁结案率稳定在【90%以上】", "lb_arbitration_close_rate", 90),
    ("新增就业【5.9万人】", "lb_new_jobs", 59000),
    ("招投标全流程电子化率【99%】", "bd_e_rate", 99),
    ("“不见面开标”占比【80%以上】", "bd_remote_open_share", 80),
    ("发出后【5个工作日内】", "bd_deposit_refund_days", 5),
    ("领域全流程电子化率【100%】", "pc_e_rate", 100),
    ("不见面交易率【70%以上】", "pc_remote_deal_rate", 70),
    ("意向公开比例占比达【95%以上】", "pc_intent_rate", 95),
    ("中小微企业占比【80%以上】", "pc_sme_share", 80),
    ("高频“一件事”【不少于40项】", "gs_one_thing_items", 40),
    ("掌上服务事项上线率达到【90%】", "gs_mobile_rate", 90),
    ("秒批秒办服务事项达【30项】", "gs_instant_items", 30),
    ("免证办事项【不少于600项】", "gs_cert_free_items", 600),
    ("有效发明专利拥有量【22件】", "ip_patents_per_10k", 22),
    ("高价值发明专利拥有量【7件】", "ip_hv_patents_per_10k", 7),
    ("研发经费保持【10%】增长", "ii_rd_growth", 10),
    ("护理型床位占比达到【65%以上】", "ii_care_bed_share", 65),
    ("托位任务目标数【402个】", "ii_childcare_slots", 402),
    ("引进产业项目【41个】", "ii_projects", 41),
    ("重点产业项目【20个】", "ii_key_projects", 20),
    ("政务服务好评率达到【99%以上】", "gs_good_review_rate", 99),
    ("事项实现【96%以上】事项", "gs_online_rate", 96),
    ("“无事不扰”比例达【100%】", "ms_no_disturb_rate", 100),
]

GOLD = {"000": SEED_000, "004": SEED_004}


@dataclass(frozen=True)
class Label:
    start: int  # the figure's span in the text
    end: int
    metric: str
    value: float


def locate(text: str, entries) -> list[Label]:
    """Each entry's figure span; the words around it must occur exactly once in the text."""
    labels = []
    for marked, metric, value in entries:
        plain = marked.replace("【", "").replace("】", "")
        where = text.find(plain)
        if where < 0 or text.find(plain, where + 1) >= 0:
            raise ValueError(f"“{plain}” occurs {text.count(plain)} times in the text, not once")
        start = where + marked.index("【")
        labels.append(Label(start, start + marked.index("】") - marked.index("【") - 1, metric, value))
    return labels


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: list  # matches no label accounts for
    missed: list  # labels no match found

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + len(self.missed)
        return self.true_positives / wanted if wanted else 0.0


def score(labels: list[Label], matches) -> Score:
    """A match is right when a label overlaps its figure with the same metric and value."""
    unmatched = list(labels)
    wrong = []
    for match in (m for m in matches if m.value is not None):
        label = next((lab for lab in unmatched if lab.start < match.figure.end and match.figure.start < lab.end
                      and lab.metric == match.metric and abs(lab.value - match.value) < 1e-6), None)
        if label is None:
            wrong.append(match)
        else:
            unmatched.remove(label)
    return Score(len(labels) - len(unmatched), wrong, unmatched)
