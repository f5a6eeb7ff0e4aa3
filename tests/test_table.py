"""The task breakdown table (任务分解表) as XLSX and CSV, on several real documents."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import CORPUS, SEED, analysis_of
from openpyxl import load_workbook
from test_deadlines import plan

import wusong_nlp
from wusong_nlp.cli import EXIT_OK, main
from wusong_nlp.views.table import COLUMNS, task_numbers, task_table, task_table_bytes

DOCS = ["wusong_2021_work_points.txt", "13_anhui_industrial_internet_policy_and_action_plan_2021.txt",
        "14_baotou_digital_gov_evaluation_2022.txt", "01_national_gov_work_report_2024.txt"]


def _row(rows, start: str) -> dict:
    return next(r for r in rows if r["任务内容"].startswith(start))


@pytest.mark.parametrize("name", DOCS)
def test_xlsx_has_a_row_per_task(name):
    a = analysis_of(name)
    wb = load_workbook(io.BytesIO(task_table_bytes(a, "xlsx")))
    ws = wb.active
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == list(COLUMNS)
    assert len(values) == len(a.tasks) + 1
    numbers = task_numbers(a.tasks)
    assert [v[0] for v in values[1:]] == [numbers[t.id] for t in
                                          sorted(a.tasks, key=lambda t: (t.start, t.end))]
    assert len(set(numbers.values())) == len(a.tasks)  # 任务编号 tells every row apart
    assert {v[2] for v in values[1:]} == {t.text for t in a.tasks}
    assert ws.freeze_panes == "A2"
    assert all(cell.font.bold for cell in ws[1])
    assert ws.column_dimensions["C"].width >= 40  # 任务内容 is readable
    if len(values) > 1:
        assert ws["C2"].alignment.wrap_text


def test_columns_lead_first_and_tracking_columns_empty():
    assert COLUMNS == ("任务编号", "目标", "任务内容", "牵头单位", "配合单位", "量化指标", "完成时限",
                       "进度", "督查情况")
    rows = task_table(analysis_of("wusong_2021_work_points.txt"))
    assert all(r["进度"] == "" and r["督查情况"] == "" for r in rows)


def test_seed_rows_name_goal_indicator_and_no_invented_deadline():
    rows = task_table(analysis_of("wusong_2021_work_points.txt"))
    row = _row(rows, "做好无证建筑治理工作")
    assert row["目标"] == "二/（一）/四是 补齐补好市容环境管理短板"
    assert row["任务编号"].startswith("二/（一）/四是-")
    assert "3万平方米" in row["量化指标"]
    assert row["完成时限"] == ""  # the text gives no deadline: none is made up
    assert row["牵头单位"]  # the issuer leads where no one is named
    assert not any(r["完成时限"] == "2021年" for r in rows)  # no plan year on every row


def test_task_number_is_stable_when_other_text_changes():
    a = analysis_of("wusong_2021_work_points.txt")
    text = a.text
    # one more task in part 一 (a real sentence of the seed, repeated)
    first = text.index("\n", text.index("一、")) + 1
    extra = "认真落实河长制，加强常态化日巡。"
    b = wusong_nlp.analyze(text[:first] + extra + text[first:])
    before = {r["任务内容"]: r["任务编号"] for r in task_table(a)}
    after = {r["任务内容"]: r["任务编号"] for r in task_table(b)}
    elsewhere = [k for k, v in before.items() if not v.startswith("一")]
    assert elsewhere and all(after[k] == before[k] for k in elsewhere)


def test_deadlines_reach_the_table():
    rows = task_table(analysis_of("14_baotou_digital_gov_evaluation_2022.txt"))
    row = _row(rows, "建立电子化网络化的全市物价信息服务平台")
    assert row["完成时限"] == "2022年7月底前"
    row = _row(rows, '推动“鹿城之窗"自助终端')
    assert row["完成时限"] == "长期"
    assert sum(bool(r["完成时限"]) for r in rows) > len(rows) / 2


def test_multi_year_plan_rows_are_not_stamped_with_its_first_year():
    for name, first in (("41_touqiao_street_land_reduction_plan_2024.txt", "2025"),
                        ("37_jingan_district_urban_renewal_action_plan_2023.txt", "2023")):
        a = plan(name)
        for task, row in zip(sorted(a.tasks, key=lambda t: (t.start, t.end)), task_table(a),
                             strict=True):
            if task.deadline is None:
                assert row["完成时限"] == ""
            else:  # what the text says, never the first year of the period
                assert row["完成时限"] in (task.deadline.resolved, task.deadline.text)
                assert not row["完成时限"].startswith(first + "年") or \
                    task.deadline.text.startswith(first)


def test_anhui_rows_split_lead_and_partner():
    rows = task_table(analysis_of("13_anhui_industrial_internet_policy_and_action_plan_2021.txt"))
    row = _row(rows, "省经济和信息化厅会同省财政厅")
    assert row["牵头单位"] == "省经济和信息化厅"
    assert "省财政厅" in row["配合单位"].split("、")
    assert row["目标"].startswith("支持工业互联网发展若干政策/八")


def test_relative_deadlines_are_spelled_out():
    a = analysis_of("01_national_gov_work_report_2024.txt")
    rows = task_table(a)
    tasks = sorted(a.tasks, key=lambda t: (t.start, t.end))
    relative = 0
    for task, row in zip(tasks, rows, strict=True):
        if task.deadline is not None and task.deadline.kind == "relative":
            relative += 1
            assert "今年" not in row["完成时限"] and row["完成时限"].startswith("2024年")
    assert relative


def test_csv_has_bom_and_opens_as_chinese():
    a = analysis_of("14_baotou_digital_gov_evaluation_2022.txt")
    data = task_table_bytes(a, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == len(a.tasks) + 1
    assert any("第三方机构" in r[3] + r[4] for r in rows[1:])


def test_cli_writes_table(tmp_path):
    out = tmp_path / "tasks.xlsx"
    assert main(["table", str(SEED), "-o", str(out)]) == EXIT_OK
    assert load_workbook(out).active.max_row == len(analysis_of(SEED.name).tasks) + 1
    out_csv = tmp_path / "tasks.csv"
    doc = CORPUS / "15_beijing_data_zone_guidance_2022.txt"
    assert main(["table", str(doc), "-o", str(out_csv)]) == EXIT_OK
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_tabulates_several_plans_with_a_document_column(tmp_path):
    """Two plans (one in a folder) → one sheet, 文件 first; each plan's rows equal its own table."""
    folder = tmp_path / "plans"
    folder.mkdir()
    other = CORPUS / "39_youyilu_street_garbage_sorting_rules_2019.txt"
    (folder / other.name).write_bytes(other.read_bytes())
    out = tmp_path / "tasks.csv"
    assert main(["table", str(SEED), str(folder), "-o", str(out)]) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert list(rows[0]) == ["文件", *COLUMNS]
    seed_rows = [r for r in rows if r["文件"].endswith(f"（{SEED}）")]
    assert [r["任务内容"] for r in seed_rows] == [r["任务内容"] for r in task_table(analysis_of(SEED.name))]
    assert seed_rows[0]["文件"].startswith("吴淞街道党工委、办事处2021年工作要点")
    theirs = [r for r in rows if other.name in r["文件"]]
    assert len(theirs) == len(analysis_of(other.name).tasks) and len(rows) == len(seed_rows) + len(theirs)
    xlsx = tmp_path / "tasks.xlsx"
    assert main(["table", str(SEED), str(folder), "-o", str(xlsx)]) == EXIT_OK
    ws = load_workbook(xlsx).active
    assert ws.cell(1, 1).value == "文件" and ws.max_row == len(rows) + 1


def test_cli_table_of_several_stops_on_a_bad_one_without_output(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "tasks.csv"
    assert main(["table", str(SEED), str(bad), "-o", str(out)]) != EXIT_OK
    assert not out.exists()


def test_unknown_format_is_rejected():
    with pytest.raises(ValueError):
        task_table_bytes(analysis_of(SEED.name), "ods")
