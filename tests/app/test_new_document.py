"""A document of another city, in another style, is understood with no code change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli

pytestmark = pytest.mark.slow

# 第X条 articles, "一次性奖励不超过N万元", "由…负责": the style of many municipal 办法
NOTICE = """临沂市质量品牌奖励办法

临政办发〔2025〕8号

第一条 为推动质量强市建设,制定本办法。
第二条 对获得临沂市市长质量奖的企业,一次性奖励不超过30万元。
第三条 对新获得中国驰名商标的企业,一次性奖励20万元。
第四条 奖励资金由市级财政列支。
第五条 质量奖评审组织工作由市市场监督管理局负责。
第六条 本办法自2025年3月1日起施行。

临沂市人民政府办公室
2025年2月10日
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("newdoc") / "kb"
    shutil.copytree(bundled_home, home)
    folder = home.parent / "uploads"
    folder.mkdir()
    (folder / "linyi_award_rules.txt").write_text(NOTICE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--kb", str(home), str(folder)])
    assert result.exit_code == 0 and "added 1" in result.stdout
    return home


def ask(home: Path, question: str, *extra: str) -> dict:
    result = CliRunner().invoke(cli, ["ask", "--json", "--kb", str(home), *extra, question])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_its_metadata_is_inferred_from_the_text(home: Path) -> None:
    from kb.knowledge_base import KnowledgeBase

    meta = next(m for m in KnowledgeBase(home).documents() if m.doc_id == "linyi_award_rules")
    assert meta.region == "山东省临沂市"
    assert meta.date == "2025-02-10"
    assert "region" in meta.inferred and "date" in meta.inferred


def test_its_reward_is_answered_with_the_amount_as_written(home: Path) -> None:
    answer = ask(home, "临沂的企业获得市长质量奖能奖励多少钱？")
    assert not answer["refused"]
    assert "不超过30万元" in answer["answer"]
    assert any(c["doc_id"] == "linyi_award_rules" and "30万元" in c["quote"]
               for c in answer["citations"])


def test_its_duty_appears_in_the_department_duty_list(home: Path) -> None:
    answer = ask(home, "市市场监督管理局负责哪些工作？", "--region", "临沂")
    assert not answer["refused"]
    assert any(c["doc_id"] == "linyi_award_rules" and "评审组织工作" in c["quote"]
               for c in answer["citations"])


def test_the_reward_check_finds_it_for_its_region(home: Path) -> None:
    result = CliRunner().invoke(cli, ["rewards", "--json", "--kb", str(home), "--region", "临沂",
                                      "--honor", "中国驰名商标"])
    answer = json.loads(result.stdout)
    assert "20万元" in answer["answer"]
    assert all(c["doc_id"] == "linyi_award_rules" for c in answer["citations"])
