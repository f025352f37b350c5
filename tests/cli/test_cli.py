"""Headless commands: output shapes and the exit-status contract (0 ok, 1 refused, 2 bad usage)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from main import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_catalog_json_shape(capsys, db_path):
    code, out, _ = run(capsys, "--db", db_path, "catalog", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["year"] == 2023
    dept_codes = {d["code"] for d in data["departments"]}
    assert len(data["indicators"]) >= 16
    assert sum(len(i["metrics"]) for i in data["indicators"]) >= 80
    for indicator in data["indicators"]:
        assert {"code", "name", "lead", "metrics"} <= set(indicator)
        assert indicator["lead"] in dept_codes
        for metric in indicator["metrics"]:
            assert {"code", "name", "unit", "kind", "target", "rules"} <= set(metric)
            assert metric["kind"] in ("ytd", "level", "quarter")
    close_rate = next(m for i in data["indicators"] for m in i["metrics"] if m["code"] == "ct_close_rate")
    assert "ratio:ct_close_rate" in [r["code"] for r in close_rate["rules"]]
    online = next(m for i in data["indicators"] for m in i["metrics"] if m["code"] == "el_online_rate")
    assert online["target"] == {"op": ">=", "value": 95}


def test_catalog_text_and_unknown_year(capsys, db_path):
    code, out, _ = run(capsys, "--db", db_path, "catalog")
    assert code == 0 and "执行合同（contract_enforcement，牵头单位：区法院）" in out
    code, _, err = run(capsys, "--db", db_path, "catalog", "--year", "1999")
    assert code == 2 and "没有 1999 年的指标目录" in err


def test_demo_fills_two_years_and_never_overwrites(capsys, db_path):
    code, out, _ = run(capsys, "--db", db_path, "demo")
    assert code == 0 and "写入" in out
    run(capsys, "--db", db_path, "set", "2023Q3", "ct_close_rate", "84.6")
    code, out, _ = run(capsys, "--db", db_path, "demo")
    assert code == 0 and "写入 0 项" in out
    _, out, _ = run(capsys, "--db", db_path, "show", "2023Q3", "--json")
    figures = {v["metric"]: v for v in json.loads(out)}
    assert figures["ct_close_rate"]["raw"] == "84.6"
    _, out, _ = run(capsys, "--db", db_path, "show", "2022Q4", "--json")
    assert len(json.loads(out)) > 80


def test_set_then_show(capsys, db_path):
    code, out, _ = run(capsys, "--db", db_path, "set", "2023年第三季度", "ct_close_rate", "84.61%", "--note", "截至9月30日")
    assert code == 0 and "已保存" in out and "结案率" in out
    code, out, _ = run(capsys, "--db", db_path, "show", "2023Q3", "--dept", "区法院", "--json")
    assert code == 0
    assert json.loads(out) == [{
        "period": "2023Q3", "dept": "court", "metric": "ct_close_rate", "name": "结案率",
        "value": 84.61, "raw": "84.61%", "unit": "%", "note": "截至9月30日",
    }]
    code, out, _ = run(capsys, "--db", db_path, "show", "2023Q3")
    assert "【执行合同】区法院" in out and "结案率：84.61%" in out


def test_show_gives_a_finer_figure_at_its_precision_beside_what_was_typed(capsys, db_path):
    from app.context import AppContext
    from models.values import Entry

    ctx = AppContext(db_path, who="测试员")  # typed to four places (28936 ÷ 34200), stored as typed
    ctx.store.set_value(Entry(period="2023Q3", dept="court", metric="ct_close_rate", number=84.6082, raw="84.6082%"))
    ctx.store.set_value(Entry(period="2023Q3", dept="court", metric="ct_cases_closed", number=28936.0, raw="28936"))
    ctx.close()
    code, out, _ = run(capsys, "--db", db_path, "show", "2023Q3", "--dept", "court")
    assert code == 0
    assert "结案率：84.61%（填报 84.6082%）" in out
    assert "结案数：28936件\n" in out + "\n"  # at its precision: as typed, nothing added
    _, out, _ = run(capsys, "--db", db_path, "show", "2023Q3", "--dept", "court", "--json")
    figures = {v["metric"]: v for v in json.loads(out)}
    assert (figures["ct_close_rate"]["value"], figures["ct_close_rate"]["raw"]) == (84.6082, "84.6082%")


@pytest.mark.parametrize("argv,message", [
    (["set", "2023Q5", "ct_close_rate", "84.61"], "无法识别统计期"),
    (["set", "2023Q3", "close_rate", "84.61"], "没有指标代码“close_rate”"),
    (["set", "2023Q3", "ct_close_rate", "XX"], "“XX”"),
    (["show", "2023Q3", "--dept", "区教育局"], "没有部门“区教育局”"),
])
def test_bad_usage_exits_2_with_a_chinese_message(capsys, db_path, argv, message):
    code, _, err = run(capsys, "--db", db_path, *argv)
    assert code == 2 and message in err
    _, out, _ = run(capsys, "--db", db_path, "show", "2023Q3", "--json")
    assert json.loads(out) == []


def test_a_locked_period_refuses_with_exit_1(capsys, db_path):
    from storage import Store

    with Store(db_path) as store:
        store.lock("2023Q3", "court", reason="已报送")
    code, _, err = run(capsys, "--db", db_path, "set", "2023Q3", "ct_close_rate", "84.61")
    assert code == 1 and "已锁定" in err


def test_a_broken_database_file_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 200)
    code, _, err = run(capsys, "--db", bad, "show", "2023Q3")
    assert code == 2 and "不是有效的数据库文件" in err


def test_as_a_process_with_the_default_database_in_the_data_folder(tmp_path):
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "main.py", "set", "2023Q3", "gs_items", "1,297"],
                          cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "yingshang-tianbao" / "data.db").exists()


def test_unknown_command_exits_2(capsys, db_path):
    with pytest.raises(SystemExit) as raised:
        main(["--db", str(db_path), "frobnicate"])
    assert raised.value.code == 2 and "参数错误" in capsys.readouterr().err


@pytest.mark.parametrize("typed", ["-14.5%", "-14.5", "-1４.5%"])
def test_a_negative_figure_is_a_value_not_an_option(capsys, db_path, typed):
    code, out, err = run(capsys, "--db", db_path, "set", "2023Q3", "bs_equity_growth", typed)
    assert code == 0, err
    assert "股权出质设立同比增长" in out


@pytest.mark.parametrize("command", sorted(__import__("cli").COMMAND_MODULES))
def test_every_command_has_working_help(capsys, command):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0 and "用法：" in capsys.readouterr().out


def test_validate_lists_200_findings_and_counts_the_rest(demo_ctx):
    from cli.commands.validation import report_text
    from models.catalog import RuleKind, Severity
    from models.findings import Finding, Report
    from models.periods import Period

    period = Period.parse("2023Q3")
    catalog = demo_ctx.catalog_for(period)
    findings = tuple(Finding(rule=f"swing{n}", kind=RuleKind.SWING, severity=Severity.WARNING, period=period.code,
                             dept=catalog.department_of(m.code), metric=m.code, message="波动过大")
                     for m in catalog.metrics for n in range(3))
    text = report_text(demo_ctx, catalog, period, Report(period=period.code, findings=findings), None)
    listed = [line for line in text.splitlines() if line.startswith("  [警告]")]
    assert len(findings) > 200 and len(listed) == 200
    assert f"另有 {len(findings) - 200} 项问题未列出" in text and f"警告 {len(findings)} 项" in text
