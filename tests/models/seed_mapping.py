"""Seeds 000 and 004 read figure by figure against the 2023 catalog: what each figure is in the catalog.

Seed 000 is 红谷滩区's report on the first three quarters of 2023 (工作推进情况); seed 004 is 湾里管理局's
2023 action plan with its targets.  Each entry quotes the words around a figure, the figure itself in
【】, as printed (the words occur once in the seed).  Dates, years, section numbers, version numbers
and the names of documents and campaigns (“1+N”, “三零”, “五张清单”) are no figures and not listed.

- ``SEED_000``: a figure the catalog should hold → (words, metric code, unit, kind, value in the
  metric's unit[, what a filer types when the seed states the figure in words]).  The kind is how
  the figure behaves: ``ytd`` counted from 1 January (今年以来, 截至9月30日), ``level`` a state at the
  period's end, including running totals since a launch that never restart in January.
- ``SEED_000_OTHER``: a figure that is not catalog-worthy, with the reason.
- ``SEED_004``: a target → (words, metric code, comparator, value in the metric's unit[, typed]).
  ``>`` is 实现突破: more than nothing (专利质押融资 > 0).
- ``SEED_004_OTHER``: a figure of the plan that is no catalog target, with the reason.

Judgement calls: 公开招标不见面开标项目数63个 is pc_open_remote (with 不见面开标率 100% the tenders are
the same 63); 由100千伏安提升至160千伏安 and 2022年管网漏损率9.33% are earlier figures of the same
metrics; “企业参保登记和企业破产注销两项业务办结时间压缩至1天” states two metrics with one figure;
整改满意率96% is a satisfaction rate, not 53 ÷ 55 (96.36%).
"""

from __future__ import annotations

SEED_000 = [
    # 一、主要做法
    ("共有依申请政务服务事项【1297项】", "gs_items", "项", "level", 1297),
    ("按网办深度划分,网上可办率【100%】", "gs_online_rate", "%", "level", 100),
    ("网上可办率100%,全程网办率【99.38%】", "gs_full_online_rate", "%", "level", 99.38),
    ("秒批秒办事项【33项】", "gs_instant_items", "项", "level", 33),
    # 1.政务服务
    ("提出【24项】短、中、长期重点任务", "gs_key_tasks", "项", "level", 24),
    ("对【74项】涉企经营许可事项", "gs_license_reform_items", "项", "level", 74),
    ("规范了【20项】行政许可中介服务", "gs_intermediary_items", "项", "level", 20),
    ("梳理了【141项】涉企行政备案事项", "gs_filing_items", "项", "level", 141),
    ("三级政务服务事项【220项】", "gs_three_level_items", "项", "level", 220),
    ("召开调度会议【7次】", "gs_dispatch_meetings", "次", "ytd", 7),
    ("全区事项网上可办率为【100%】", "gs_online_rate", "%", "level", 100),
    ("全程网办率为【99.38%】", "gs_full_online_rate", "%", "level", 99.38),
    ("清单事项【176项】", "gs_nearby_items", "项", "level", 176),
    ("176项【109233件】", "gs_nearby_cases", "件", "level", 109233),  # since the launch on 2022-06-27
    # 2.办理建筑许可: 法定 10、20、20 and 承诺 5、7、15 个工作日
    ("法定工作日分别为【10个】", "cp_construction_legal_days", "工作日", "level", 10, "10个工作日"),
    ("分别为10个、【20个】、20个工作日", "cp_fire_design_legal_days", "工作日", "level", 20, "20个工作日"),
    ("分别为10个、20个、【20个工作日】", "cp_fire_accept_legal_days", "工作日", "level", 20),
    ("压缩至【5个】、7个", "cp_construction_promise_days", "工作日", "level", 5, "5个工作日"),
    ("压缩至5个、【7个】、15个工作日", "cp_fire_design_promise_days", "工作日", "level", 7, "7个工作日"),
    ("5个、7个、【15个工作日】", "cp_fire_accept_promise_days", "工作日", "level", 15),
    ("所有政务服务事项均【不收取费用】", "cp_fees", "元", "level", 0, "0"),
    # 3.获得电力
    ("线上办电率达【99.98%】", "el_online_rate", "%", "ytd", 99.98),
    ("低压办电环节压减至【2个】", "el_low_voltage_steps", "个", "level", 2),
    ("零审批、【零】投资", "el_low_voltage_cost", "元", "level", 0),
    ("低压接电容量由【100千伏安】", "el_low_voltage_capacity", "千伏安", "level", 100),
    ("提升至【160千伏安】", "el_low_voltage_capacity", "千伏安", "level", 160),
    ("高压办电环节压减至【3个】", "el_high_voltage_steps", "个", "level", 3),
    ("【1250KVA】及以下现场答复供电方案", "el_onsite_reply_capacity", "千伏安", "level", 1250),
    # 4.招标投标
    ("招标投标项目【17个】", "bd_required_projects", "个", "ytd", 17),
    ("招标投标项目【3个】", "bd_small_projects", "个", "ytd", 3),
    # 5.获得用水用气: 漏损率 of the water supplied so far (截止2023年10月), against 2022's
    ("2022年管网漏损率【9.33%】", "wg_leak_rate", "%", "ytd", 9.33),
    ("管网漏水率已下降至【8.93%】", "wg_leak_rate", "%", "ytd", 8.93),
    ("本区域管网漏水率为【9%】", "wg_dma_leak_rate", "%", "ytd", 9),
    # 6.纳税
    ("走访企业为【31159户次】", "tx_firm_visits", "户次", "ytd", 31159),
    ("重点办税人员【970人次】", "tx_staff_visits", "人次", "ytd", 970),
    ("联系开展【7期】", "tx_campaigns", "期", "ytd", 7),
    ("培训辅导企业【8000余户次】", "tx_trained_firms", "户次", "ytd", 8000),
    # 7.获得信贷
    ("走访了区内【10家】", "cr_firm_visits", "家", "ytd", 10),
    ("累计为【超20家】企业开展服务", "cr_served_firms", "家", "ytd", 20),
    ("政银企融资对接活动【6次】", "cr_matchmaking_events", "次", "ytd", 6),
    ("参会企业达【40余家】", "cr_matchmaking_firms", "家", "ytd", 40),
    ("融资对接【近千万元】", "cr_financing_amount", "万元", "ytd", 1000),
    # 8.执行合同
    ("旧存【665件】", "ct_cases_old", "件", "level", 665),
    ("665件)【34200件】", "ct_cases_accepted", "件", "ytd", 34200),
    ("结案【28936件】", "ct_cases_closed", "件", "ytd", 28936),
    ("结案率【84.61%】", "ct_close_rate", "%", "ytd", 84.61),
    ("走访辖区律所【70余家】", "ct_law_firm_visits", "家", "ytd", 70),
    ("律所70余家、企业【150余家】", "ct_firm_visits", "家", "ytd", 150),
    # 9.办理破产
    ("执转破立案【12件】", "bk_exec_to_bankruptcy", "件", "ytd", 12),
    # 10.劳动力市场监管
    ("线上招聘会【197场】", "lb_fairs_online", "场", "ytd", 197),
    ("线下【19场】", "lb_fairs_offline", "场", "ytd", 19),
    ("共【216场】", "lb_fairs_total", "场", "ytd", 216),
    ("共组织【11943家】", "lb_fair_firms", "家", "ytd", 11943),
    ("就业岗位【302904个】", "lb_jobs_offered", "个", "ytd", 302904),
    ("简历【26456份】", "lb_resumes", "份", "ytd", 26456),
    ("就业意向【10580】", "lb_hiring_intents", "人", "ytd", 10580),
    ("创业担保贷款【1470万元】", "lb_startup_loans", "万元", "ytd", 1470),
    ("扶持创业人数【45人】", "lb_startup_people", "人", "ytd", 45),
    ("带动就业人数【222人】", "lb_jobs_driven", "人", "ytd", 222),
    ("企业参保登记和企业破产注销两项业务办结时间压缩至【1天】", "lb_registration_days", "天", "level", 1),
    ("企业破产注销两项业务办结时间压缩至【1天】", "lb_bankruptcy_cancel_days", "天", "level", 1),
    ("缩减到【8个工作日】", "lb_special_hours_days", "工作日", "level", 8),
    # 11.政府采购
    ("采购计划金额【39238万元】", "pc_planned", "万元", "ytd", 39238),
    ("实际采购金额【36922万元】", "pc_actual", "万元", "ytd", 36922),
    ("节约资金【2316万元】", "pc_saved", "万元", "ytd", 2316),
    ("资金节约率为【5.9%】", "pc_saving_rate", "%", "ytd", 5.9),
    ("电子卖场采购金额【6074.82万元】", "pc_emall_amount", "万元", "ytd", 6074.82),
    ("比去年同期增长【102.46%】", "pc_emall_growth", "%", "ytd", 102.46),
    ("公开采购意向【139条】", "pc_intent_items", "条", "ytd", 139),
    ("意向公开率【99.28%】", "pc_intent_rate", "%", "ytd", 99.28),
    ("不见面开标项目数【63个】", "pc_open_remote", "个", "ytd", 63),
    ("63个,不见面开标率【100%】", "pc_open_remote_rate", "%", "ytd", 100),
    ("非公开招标项目数【69个】", "pc_nonopen_projects", "个", "ytd", 69),
    ("69个,不见面开标率【86.96%】", "pc_nonopen_remote_rate", "%", "ytd", 86.96),
    # 12.开办企业
    ("半天(【三小时】)", "bs_start_hours", "小时", "level", 3),
    ("新设立企业【9057户】", "bs_new_firms", "户", "ytd", 9057),
    ("设立合作社【9户】", "bs_new_coops", "户", "ytd", 9),
    ("合计同比新增 【41.9%】", "bs_new_growth", "%", "ytd", 41.9),
    ("合计网上办件率【99.26%】", "bs_new_online_rate", "%", "ytd", 99.26),
    ("变更【21046次】", "bs_changes", "次", "ytd", 21046),
    ("同比新增【2.1%】", "bs_changes_growth", "%", "ytd", 2.1),
    ("合计网上办件率【41.58%】", "bs_change_online_rate", "%", "ytd", 41.58),
    ("注销企业【2970户】", "bs_cancellations", "户", "ytd", 2970),
    ("同比新增【33.78%】", "bs_cancel_growth", "%", "ytd", 33.78),
    ("简易注销【2084户】", "bs_simple_cancellations", "户", "ytd", 2084),
    ("同比新增【36.92%】", "bs_simple_cancel_growth", "%", "ytd", 36.92),
    ("企业注销合计网上办件率【79.09%】", "bs_cancel_online_rate", "%", "ytd", 79.09),
    ("股权出质设立【47次】", "bs_equity_pledges", "次", "ytd", 47),
    ("同比新增【-14.5%】", "bs_equity_growth", "%", "ytd", -14.5),
    ("歇业备案【9户】", "bs_suspension_filings", "户", "ytd", 9),
    ("企业破产注销【5次】", "bs_court_cancellations", "次", "ytd", 5),
    ("平均每日提供服务【102次】", "bs_hotline_daily", "次", "level", 102),
    # 13.知识产权
    ("侵权【15起】", "ip_cases", "起", "ytd", 15),
    ("移送【1起】", "ip_referrals", "起", "ytd", 1),
    # 14.市场监管
    ("检查工作【115次】", "ms_random_checks", "次", "ytd", 115),
    ("共检查【2341户】", "ms_checked_entities", "户", "ytd", 2341),
    ("检查实施清单【426条】", "ms_inventory_items", "条", "level", 426),
    ("双随机监管事项清单数【168条】", "ms_random_items", "条", "level", 168),
    ("重点监管事项清单数【258条】", "ms_key_items", "条", "level", 258),
    ("联合部门检查任务数【36条】", "ms_joint_tasks", "条", "ytd", 36),
    ("联合部门检查事项数【168条】", "ms_joint_items", "条", "level", 168),
    ("双随机总任务数【115】", "ms_random_checks", "次", "ytd", 115),
    ("应检查市场主体【2341户】", "ms_checked_entities", "户", "ytd", 2341),
    ("低风险市场主体数【1户】", "ms_low_risk_entities", "户", "level", 1),
    ("本部门检查事项数【168条】", "ms_own_items", "条", "level", 168),
    ("本部门检查事项占比【100%】", "ms_own_items_share", "%", "level", 100),
    ("双随机覆盖率【100%】", "ms_random_coverage", "%", "level", 100),
    ("联合部门检查事项占比【100%】", "ms_joint_share", "%", "level", 100),
    # of the low-risk entities, those not inspected so far this year
    ("实现率【99.96%】", "ms_no_disturb_rate", "%", "ytd", 99.96),
    # 三、特色亮点
    ("整合【390项】常用政务事项", "gs_common_items", "项", "level", 390),
    ("受理服务工单共计【7185件】", "gs_assistant_orders", "件", "ytd", 7185),
    ("各类政务服务事项【1043条】", "gs_oral_items", "条", "level", 1043),
    ("等方面诉求【55条】", "gs_demands", "条", "ytd", 55),
    ("已协调解决【53条】", "gs_demands_resolved", "条", "ytd", 53),
    ("整改满意率达到【96%】", "gs_demand_satisfaction", "%", "ytd", 96),
    ("区法院共计走访企业【150余家】", "ct_firm_visits", "家", "ytd", 150),
    ("共计开展【12场】培训辅导", "tx_trainings", "场", "ytd", 12),
    ("税企微信群覆盖率平均达【89%】", "tx_wechat_coverage", "%", "level", 89),
    ("调查问卷【800余份】", "tx_surveys", "份", "ytd", 800),
    ("提示提醒【近73028条】", "tx_policy_pushes", "条", "ytd", 73028),
    ("覆盖企业【29211户】", "tx_pushed_firms", "户", "ytd", 29211),
    ("目前已投资【7家】", "cr_fund_investments", "家", "level", 7),  # since the fund was set up
]

SEED_000_OTHER = [
    ("由第【45名】上升至第13名", "评价名次：省里对本区的评价结果，不是部门填报的数"),
    ("上升至第【13名】", "评价名次：省里对本区的评价结果，不是部门填报的数"),
    ("共考核【16个】一级指标", "评价体系的结构（目录本身），不是填报的数"),
    ("五大专项行动组、【18个】专项指标部", "工作机构的设置，不是指标"),
    ("非必须招标工程(【400万元】以下小额工程)", "小额工程的定义门槛，属于指标解释，不是填报的数"),
    ("所有【400万元】以下的小额工程", "小额工程的定义门槛，属于指标解释，不是填报的数"),
    ("修正金三系统数据【一千余条】", "一次性的数据清理"),
    ("统筹推进【百场】校招", "口号（百场校招），实际场次见招聘会场次"),
    ("助力【十万】人才来昌留昌", "口号，不是统计数"),
    ("将原先【15天】审批事项", "改革前的旧时限，以日历天计；本指标按工作日填报现行时限（8个工作日）"),
    ("窗口办事效率提升【30%】", "没有口径的效率估计（一个窗口模式的宣传数）"),
    ("自助服务大厅【24小时】无人智能值守", "服务时段的描述，不是指标"),
    ("已完成【79项】事项语音导办配置", "一台自助机的配置进度"),
    ("【584项】事项语音搜索配置", "一台自助机的配置进度"),
    ("“高龄老人补贴申领一件事就近办”【两项】融合服务", "两项具名的试点服务，逐项列出而非统计"),
    ("开展【两次】“吐槽大会”", "会议次数（一个街道的座谈活动）"),
    ("已完成辖区【9个】乡镇街道营商服务法官工作站选址", "一次性的工作站选址挂牌"),
    ("企业合规法官走访【3次】", "一个工作站的走访次数；法院走访企业数另有指标"),
    ("【15家】园区企业主动签订", "一个园区的试点，一次性"),
    ("与企业座谈【20余次】", "会议次数（座谈）"),
    ("解决市场主体实际困难【10余项】", "法院自报的约数，不是诉求台账的统计；企业诉求另有指标"),
    ("辐射辖区【一万余户】市场主体", "宣传覆盖面的估计，没有统计口径"),
    ("收集纳税人意见建议【9条】", "一次问卷中的意见建议，一次性"),
    ("现场办公解决【1条】", "一次问卷中的意见建议，一次性"),
    ("对【137家】已纳入实名制管理涉税机构", "一次性的专项检查"),
    ("其中【3家】落户我区", "一支基金投资企业的明细"),
    ("园区入住率达【95%】以上", "一个园区的经营数据，不是全区营商环境指标"),
    ("已引进【53家】企业", "一个园区的经营数据，不是全区营商环境指标"),
    ("清退未达标企业【15家】", "一个园区的经营数据，不是全区营商环境指标"),
    ("现有入驻企业总数【38家】", "一个园区的经营数据，不是全区营商环境指标"),
    ("实现营收【近6亿元】", "一个园区的经营数据，不是全区营商环境指标"),
    ("实现税收【近800万元】", "一个园区的经营数据，不是全区营商环境指标"),
    ("联合培养博士后【5名】", "人才培养项目，不是营商环境指标"),
    ("每月开展至少【一次】知识产权专项检查", "工作要求，不是统计数"),
]

SEED_004 = [
    ("助力企业开办压缩至【0.5个工作日】", "bs_start_hours", "<=", 4),
    ("“半日办结率”达到【95%】以上", "bs_half_day_rate", ">=", 95),
    ("配电自动化关键节点覆盖率达到【90%】以上", "el_automation_coverage", ">=", 90),
    ("故障复电由“小时级”缩短到“【分钟级】”", "el_fault_restore_hours", "<=", 1, "1小时"),
    ("推进【1250千伏安】及以下高压供电方案现场答复", "el_onsite_reply_capacity", ">=", 1250),
    ("平均停电时间压缩【25%】以上", "el_outage_cut_rate", ">=", 25),
    ("分别压减到【5个】", "el_approval_low_days", "<=", 5, "5个工作日"),
    ("压减到5个、【7个】", "el_approval_10kv_days", "<=", 7, "7个工作日"),
    ("7个、【10个工作日】以内", "el_approval_35kv_days", "<=", 10),
    ("线上办电率达到【95%】以上", "el_online_rate", ">=", 95),
    ("实现线上报装业务“【零】材料”", "wg_online_materials", "<=", 0),
    ("落实【免收】登记费", "rp_enterprise_fee", "<=", 0, "0"),
    ("纳税时间压缩至【70个小时】以内", "tx_time_hours", "<=", 70),
    ("平均办理时间压缩到【3个工作日】内", "tx_export_refund_days", "<=", 3),
    ("力争上市公司【破零】", "cr_listed_firms", ">=", 1, "1"),
    ("平均审理周期压缩至【90天】", "ct_avg_trial_days", "<=", 90),
    ("仲裁结案率稳定在【90%】以上", "lb_arbitration_close_rate", ">=", 90),
    ("力争全年新增就业【5.9万人】", "lb_new_jobs", ">=", 59000),
    ("招投标全流程电子化率【99%】", "bd_e_rate", ">=", 99),
    ("“不见面开标”占比【80%】以上", "bd_remote_open_share", ">=", 80),
    ("中标公示信息发出后【5个工作日】内", "bd_deposit_refund_days", "<=", 5),
    ("领域全流程电子化率【100%】", "pc_e_rate", ">=", 100),
    ("不见面交易率【70%】以上", "pc_remote_deal_rate", ">=", 70),
    ("意向公开比例占比达【95%】以上", "pc_intent_rate", ">=", 95),
    ("中小微企业占比【80%】以上", "pc_sme_share", ">=", 80),
    ("高频“一件事”不少于【40项】", "gs_one_thing_items", ">=", 40),
    ("掌上服务事项上线率达到【90%】", "gs_mobile_rate", ">=", 90),
    ("秒批秒办服务事项达【30项】", "gs_instant_items", ">=", 30),
    ("免证办事项不少于【600项】", "gs_cert_free_items", ">=", 600),
    ("每万人有效发明专利拥有量【22件】", "ip_patents_per_10k", ">=", 22),
    ("专利质押融资金实现【突破】", "ip_pledge_amount", ">", 0, "0"),
    ("每万人高价值发明专利拥有量【7件】", "ip_hv_patents_per_10k", ">=", 7),
    ("研发经费保持【10%】增长", "ii_rd_growth", ">=", 10),
    ("护理型床位占比达到【65%】以上", "ii_care_bed_share", ">=", 65),
    ("托位任务目标数【402个】", "ii_childcare_slots", ">=", 402),
    ("力争引进产业项目【41个】", "ii_projects", ">=", 41),
    ("其中重点产业项目【20个】", "ii_key_projects", ">=", 20),
    ("政务服务好评率达到【99%】以上", "gs_good_review_rate", ">=", 99),
    ("实现【96%】以上事项“网上可办”", "gs_online_rate", ">=", 96),
    ("“无事不扰”比例达【100%】", "ms_no_disturb_rate", ">=", 100),
]

SEED_004_OTHER = [
    ("进一步明确【17个】国评指标", "评价体系的结构，不是目标"),
    ("力争达到【100%】,故障复电", "配电自动化覆盖率在约束性目标90%之外的争取值"),
    ("深化“【10分钟】办税便利圈”", "口号"),
    ("实名认证企业数高于【10%】", "配合市本级完成的市级目标，分母未写明"),
    ("实现重点人员培训【全覆盖】", "工伤预防专项培训的覆盖要求，不是营商环境指标"),
    ("财政兑现资金【全部】通过“惠企通”平台完成兑现", "兑现渠道的要求（“无特殊情况”例外未计），不是统计数"),
    ("打造【15分钟】文化圈", "口号"),
    ("“【15分钟】便民服务圈”", "口号"),
    ("全年开展宣传活动不少于 【8】 次", "专项行动（涉企服务）的活动次数，不属于任何一级指标"),
    ("落实“【1】个工作日电话联系", "投诉快速处置机制逐件的时限，目录没有投诉办理时限指标"),
    ("一般问题【5】个工作日办结", "投诉快速处置机制逐件的时限，目录没有投诉办理时限指标"),
    ("疑难问题【10】个工作日回复", "投诉快速处置机制逐件的时限，目录没有投诉办理时限指标"),
]
