"""Chinese word segmentation for BM25: jieba with a domain dictionary and alias folding."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from ingest.department import core_name

# Function words and question words: they say how a user asks, not what about.
STOPWORDS = frozenset(
    """的 了 和 与 及 或 是 在 由 对 把 被 将 为 以 等 其 之 于 也 都 还 就 又 并 而 及其
    哪个 哪些 哪家 什么 多少 几 吗 呢 吧 啊 呀 么 怎么 怎样 如何 是否 有没有 能否 可以 能 会
    请问 请 我 我们 你 你们 他们 它 这 那 这个 那个 这些 那些 一下 一个 有 没有 要 需要 给 让
    谁 哪 个 些 里 中 上 下 时 后 前 从 向 到 被 所 该 各 每 其他 有关 相关 方面 工作 问题
    指 叫 叫做 名字 称为 这份 那份 份 具体 分别 各是 是什么 什么样 有何 何 哪里 几项 几类 几种 呀
    文件 规定 里面 当中 之中 一共 总共 主要是 为了 为何 为什么 因为 所以 目的 关于 怎么样
    能不能 可不可以 是不是 要不要 自己""".split()  # noqa: SIM905 (reads as a word list)
)
# question words glued to what they ask about by jieba: 哪四强, 几个, 多少家
_QUESTION_PREFIX = ("哪", "几", "多少", "什么")
_WORD = re.compile(r"[\w\u4e00-\u9fff]+")


class Tokenizer:
    """jieba segmentation that keeps domain terms whole and folds aliases.

    A department alias (山东省市场监督管理局) becomes its canonical name (省市场监管局)
    and also its core (市场监管局), so "市场监管局负责…" finds both levels, while a
    term never matches a longer one it is part of (三级医院 vs 二三级医院).
    """

    def __init__(self, terms: Iterable[str] = (), aliases: Mapping[str, str] | None = None):
        self._terms = sorted({t for t in terms if t}, key=len, reverse=True)
        self._term_set = frozenset(self._terms)
        self._aliases = dict(aliases or {})
        self._jieba: Any = None
        self._tags: dict[str, str] | None = None

    def _loaded(self) -> Any:
        if self._jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            for term in [*self._terms, *self._aliases]:
                # a high frequency makes jieba prefer the whole term over its pieces
                tokenizer.add_word(term, freq=200000)
            self._jieba = tokenizer
        return self._jieba

    @property
    def fingerprint(self) -> str:
        """A short hash of the dictionary: tokens stored under another one no longer match."""
        digest = hashlib.sha256(f"jieba {jieba_version()}\n".encode())
        for term in sorted(self._term_set):
            digest.update(term.encode() + b"\n")
        for alias, name in sorted(self._aliases.items()):
            digest.update(f"{alias}={name}\n".encode())
        return digest.hexdigest()[:16]

    @property
    def terms(self) -> frozenset[str]:
        """The domain terms kept whole."""
        return self._term_set

    def segment(self, text: str) -> list[str]:
        """jieba's words as they stand, domain terms whole: no folding, nothing dropped."""
        return list(self._loaded().lcut(text))

    def tag(self, word: str) -> str:
        """jieba's dictionary part-of-speech tag of a word ("n" where it has none)."""
        if self._tags is None:
            from jieba.posseg import POSTokenizer

            self._tags = dict(POSTokenizer(self._loaded()).word_tag_tab)
        return self._tags.get(word, "n")

    def in_dictionary(self, word: str) -> bool:
        """Whether jieba's dictionary holds the word (its tag is then a real one)."""
        self.tag(word)
        assert self._tags is not None
        return word in self._tags

    def _fold(self, token: str) -> list[str]:
        canonical = self._aliases.get(token, token)
        core = core_name(canonical)
        return [canonical] if core == canonical else [canonical, core]

    def tokenize(self, text: str) -> list[str]:
        """Tokens for indexing and for queries: lower-case, no punctuation or stopwords."""
        text = unicodedata.normalize("NFKC", text).lower()
        jieba = self._loaded()
        tokens: list[str] = []
        for piece in _WORD.findall(text):
            for word in jieba.cut(piece, HMM=True):
                if word in STOPWORDS or not word.strip() or word.startswith(_QUESTION_PREFIX):
                    continue
                if word in self._aliases or word in self._term_set:
                    tokens.extend(self._fold(word))
                    continue
                tokens.append(word)
                if len(word) > 2:
                    # compound general words (品牌建设) also match their parts (品牌)
                    tokens.extend(
                        part
                        for part in jieba.cut_for_search(word, HMM=False)
                        if part != word and len(part) > 1 and part not in STOPWORDS
                    )
        return tokens


@lru_cache(maxsize=1)
def domain_tokenizer() -> Tokenizer:
    """The tokenizer with the domain dictionary (department names, programmes, honours),
    one per process: jieba's dictionary is loaded once."""
    from ingest.department import all_names, canonical
    from ingest.terms import domain_terms

    aliases = {name: canonical(name) for name in all_names() if canonical(name) != name}
    return Tokenizer(domain_terms(), aliases)


def jieba_version() -> str:
    from importlib.metadata import version

    return version("jieba")
