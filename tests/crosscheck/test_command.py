"""``crosscheck PERIOD FILE [--dept] [--json]``: output shapes and the exit-status contract."""

import json

import pytest

from tests.conftest import run_cli, seed_text

run = run_cli


def report(tmp_path, text, name="报告.txt", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_clean_report_exits_0(capsys, demo_db, tmp_path):
    code, out, _ = run(capsys, "--db", demo_db, "crosscheck", "2023Q3", report(tmp_path, seed_text("000")))
    assert code == 0
    assert "未发现问题" in out and "识别数字" in out


def test_json_lists_findings_in_the_stable_shape_and_exits_1(capsys, demo_db, tmp_path):
    text = seed_text("000").replace("结案28936件", "结案28836件")
    path = report(tmp_path, text, encoding="gbk")
    code, out, _ = run(capsys, "--db", demo_db, "crosscheck", "2023年第三季度", path, "--json")
    assert code == 1
    findings = json.loads(out)
    assert [set(f) for f in findings] == [{"kind", "metric", "sentence", "text_value", "filed_value", "message"}] * 2
    mismatch = findings[0]
    assert (mismatch["kind"], mismatch["metric"], mismatch["text_value"], mismatch["filed_value"]) == (
        "mismatch", "ct_cases_closed", 28836, 28936)
    assert "结案28836件" in mismatch["sentence"] and "建议" in mismatch["message"]
    assert findings[1]["kind"] == "arithmetic" and findings[1]["metric"] == "ct_close_rate"


def test_placeholders_fail_and_the_text_output_marks_them(capsys, demo_db, tmp_path):
    code, out, _ = run(capsys, "--db", demo_db, "crosscheck", "2023Q1", report(tmp_path, seed_text("001")))
    assert code == 1
    assert "占位符 15" in out and "【XX条】" in out and "建议：" in out


def test_department_narrows_the_check(capsys, demo_db, tmp_path):
    text = seed_text("000").replace("共216场", "共218场")
    path = report(tmp_path, text)
    assert run(capsys, "--db", demo_db, "crosscheck", "2023Q3", path, "--dept", "区法院")[0] == 0
    code, out, _ = run(capsys, "--db", demo_db, "crosscheck", "2023Q3", path, "--dept", "hr_social", "--json")
    assert code == 1 and {f["metric"] for f in json.loads(out)} == {"lb_fairs_total"}


def test_figures_not_filed_are_listed_but_do_not_fail(capsys, db_path, tmp_path):
    code, out, _ = run(capsys, "--db", db_path, "crosscheck", "2023Q3", report(tmp_path, "8.执行合同指标:受理案件34200件。"),
                       "--json")
    assert code == 0
    assert [(f["kind"], f["metric"], f["filed_value"]) for f in json.loads(out)] == [
        ("not_filed", "ct_cases_accepted", None)]


@pytest.mark.parametrize("name,content,words", [
    ("没有这个文件.txt", None, "找不到文件"),
    ("报告.doc", b"\xd0\xcf\x11\xe0", "另存为"),
    ("坏.docx", b"not a zip", "不是有效的 .docx"),
])
def test_an_unreadable_file_exits_2(capsys, db_path, tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "--db", db_path, "crosscheck", "2023Q3", path)
    assert code == 2 and out == "" and words in err


def test_bad_period_and_department_exit_2(capsys, db_path, tmp_path):
    path = report(tmp_path, "结案28936件")
    assert run(capsys, "--db", db_path, "crosscheck", "2023Q5", path)[0] == 2
    code, _, err = run(capsys, "--db", db_path, "crosscheck", "2023Q3", path, "--dept", "区教育局")
    assert code == 2 and "没有部门" in err
