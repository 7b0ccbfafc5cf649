"""jieba with the domain dictionary: terms stay whole, aliases fold, stopwords go."""

from __future__ import annotations

from kb.tokenizer import Tokenizer, domain_tokenizer


def test_domain_terms_are_never_split() -> None:
    tokens = domain_tokenizer().tokenize("好品山东宣传推广由省商务厅牵头,中国驰名商标和省长质量奖")
    for term in ("好品山东", "省商务厅", "中国驰名商标", "省长质量奖"):
        assert term in tokens
    assert "山东" not in tokens and "商标" not in tokens


def test_a_term_does_not_match_a_longer_term_it_is_part_of() -> None:
    tokenizer = domain_tokenizer()
    assert "中国质量奖" not in tokenizer.tokenize("获得中国质量奖提名奖的企业")
    assert "中国质量奖提名奖" in tokenizer.tokenize("获得中国质量奖提名奖的企业")


def test_aliases_fold_to_the_canonical_name_and_its_core() -> None:
    tokenizer = domain_tokenizer()
    long_form = tokenizer.tokenize("山东省市场监督管理局")
    assert "省市场监管局" in long_form and "市场监管局" in long_form
    assert "市场监管局" in tokenizer.tokenize("市市场监管局负责")


def test_question_words_and_punctuation_are_dropped() -> None:
    tokens = Tokenizer().tokenize("请问,哪个部门负责这些工作？")
    assert "请问" not in tokens and "哪个" not in tokens and "," not in tokens
    assert "部门" in tokens and "负责" in tokens


def test_fullwidth_and_case_are_normalised() -> None:
    assert Tokenizer().tokenize("ＩＣＰ") == Tokenizer().tokenize("icp")
