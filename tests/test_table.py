"""The task breakdown table (任务分解表) as XLSX and CSV, on several real documents."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import CORPUS, SEED, analysis_of
from openpyxl import load_workbook

from wusong_nlp.cli import EXIT_OK, main
from wusong_nlp.views.table import COLUMNS, absolute_horizon, task_table, task_table_bytes

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
    assert [v[0] for v in values[1:]] == list(range(1, len(a.tasks) + 1))
    assert {v[2] for v in values[1:]} == {t.text for t in a.tasks}
    assert ws.freeze_panes == "A2"
    assert all(cell.font.bold for cell in ws[1])
    assert ws.column_dimensions["C"].width >= 40  # 任务内容 is readable
    if len(values) > 1:
        assert ws["C2"].alignment.wrap_text


def test_seed_rows_name_goal_indicator_and_year():
    rows = task_table(analysis_of("wusong_2021_work_points.txt"))
    row = _row(rows, "做好无证建筑治理工作")
    assert row["目标"] == "二/（一）/四是 补齐补好市容环境管理短板"
    assert "3万平方米" in row["量化指标"]
    assert row["时限"] == "2021年"  # no horizon in the text: the plan year
    assert row["牵头单位"]  # the issuer leads where no one is named


def test_anhui_rows_split_lead_and_partner():
    rows = task_table(analysis_of("13_anhui_industrial_internet_policy_and_action_plan_2021.txt"))
    row = _row(rows, "省经济和信息化厅会同省财政厅")
    assert row["牵头单位"] == "省经济和信息化厅"
    assert "省财政厅" in row["配合单位"].split("、")
    assert row["目标"].startswith("支持工业互联网发展若干政策/八")


def test_relative_horizons_are_spelled_out():
    assert absolute_horizon("今年", 2024) == "2024年"
    assert absolute_horizon("年底前", 2021) == "2021年底前"
    assert absolute_horizon("2025年底", 2024) == "2025年底"
    assert absolute_horizon("今年", None) == "今年"
    a = analysis_of("01_national_gov_work_report_2024.txt")
    rows = task_table(a)
    with_horizon = {c.id for c in a.commitments if c.horizon}
    tasks = sorted(a.tasks, key=lambda t: (t.start, t.end))
    for task, row in zip(tasks, rows, strict=True):
        if set(task.commitments) & with_horizon:
            assert "今年" not in row["时限"] and row["时限"]


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


def test_unknown_format_is_rejected():
    with pytest.raises(ValueError):
        task_table_bytes(analysis_of(SEED.name), "ods")
