"""Synthetic corpora grown from the bundled documents, for measuring how cost grows."""

from __future__ import annotations

import json
import random
from pathlib import Path

from corpus import bundled_documents_dir
from ingest.pipeline import parse_file

CITIES = ["济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海",
          "日照", "临沂", "德州", "聊城", "滨州", "菏泽", "荆州", "宜昌", "襄阳", "黄石"]
UNITS = ["市市场监管局", "市商务局", "市发改委", "市经信局", "市科技局", "市财政局",
         "市农业农村局", "市文旅局", "市住建局", "市交通运输局", "市教育局", "市卫健委"]
AWARDS = ["市长质量奖", "质量强市示范奖", "品牌创新奖", "标准创新贡献奖", "质量管理先进奖",
          "绿色工厂", "专精特新企业", "服务业标杆企业", "知名品牌", "优质工程奖"]


def _sections(seed_chunks: list[str], rng: random.Random, size: int) -> list[str]:
    start = rng.randrange(0, max(1, len(seed_chunks) - size))
    return seed_chunks[start : start + size]


def write_corpus(folder: Path, documents: int, seed: int = 7, chunks_per_doc: int = 4) -> Path:
    """Write `documents` text files (with sidecars) made of re-worded seed passages."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [parse_file(path) for path in sorted(bundled_documents_dir().glob("*.txt"))]
    pools = [[chunk.text for chunk in parsed.chunks if len(chunk.text) > 40] for parsed in seeds]
    for number in range(documents):
        city = rng.choice(CITIES)
        unit, other = rng.sample(UNITS, 2)
        award = rng.choice(AWARDS)
        amount = rng.choice([5, 10, 20, 30, 50, 80, 100, 200])
        body = _sections(rng.choice(pools), rng, chunks_per_doc)
        text = "\n".join(
            [f"{city}市关于{award}培育工作的实施意见(第{number}号)", "一、主要措施"]
            + [f"({i + 1}){passage.replace('省市场监管局', unit).replace('省商务厅', other)}"
               for i, passage in enumerate(body)]
            + ["二、政策支持", (f"对获得{award}的企业,一次性给予{amount}万元奖励。"
                                f"(责任单位:{unit}、{other})")]
        )
        stem = f"synthetic_{number:05d}"
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        meta = {"title": f"{city}市关于{award}培育工作的实施意见", "issuer": f"{city}市人民政府",
                "date": f"20{rng.randint(18, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "region": f"{city}市", "source_kind": "合成测试文件"}
        (folder / f"{stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False),
                                                  encoding="utf-8")
    return folder
