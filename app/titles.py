"""The documents a question is about by the words of their titles.

"宁波的宗教活动场所要办什么手续" is about 《宁波市宗教活动场所管理办法》, though it never names it.
In a library of thousands of laws, the article that answers may rank below articles of other
laws on the same subject; the document whose title the question nearly spells out is searched
in too. A title word weighs by how rare it is among the titles held: 条例 and 管理 say little,
宗教 and 宁波 say which one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

from ingest.document import DocumentMeta
from kb.tokenizer import STOPWORDS, Tokenizer

# the share of a title's weight the question must carry
_TITLE_SHARE = 0.6
_MAX_DOCUMENTS = 2
_PLACE_SUFFIXES = ("自治州", "自治县", "省", "市", "县", "区", "州")


class TitleIndex:
    """The words of every title held, weighed by their rarity among the titles."""

    def __init__(self, metas: Mapping[str, DocumentMeta], tokenizer: Tokenizer) -> None:
        self._words: dict[str, list[str]] = {}
        self._parts: dict[str, tuple[str, ...]] = {}
        for doc_id, meta in metas.items():
            words = [word for word in dict.fromkeys(tokenizer.segment(meta.title))
                     if len(word) >= 2 and word not in STOPWORDS and any(ch.isalnum() for ch in word)]
            for word in words:
                if word not in self._parts:
                    self._parts[word] = tuple(part for part in tokenizer.tokenize(word)
                                              if part != word and len(part) > 1)
            self._words[doc_id] = words
        frequency = Counter(word for words in self._words.values() for word in words)
        total = len(self._words)
        self._weight = {word: math.log((total + 1) / (count + 0.5)) for word, count in frequency.items()}
        self._title_weight = {doc_id: sum(self._weight[word] for word in words)
                              for doc_id, words in self._words.items()}

    def about(self, question: str, exclude: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """Ids of the documents (at most two) whose titles the question nearly spells out."""
        carried = {word: share for word, parts in self._parts.items()
                   if (share := _carried(word, parts, question))}
        if not carried:
            return []
        rated = []
        for doc_id, words in self._words.items():
            weight = self._title_weight[doc_id]
            if doc_id in exclude or weight <= 0:
                continue
            share = sum(self._weight[word] * carried.get(word, 0.0) for word in words) / weight
            if share >= _TITLE_SHARE:
                rated.append((share, doc_id))
        rated.sort(reverse=True)
        return [doc_id for _, doc_id in rated[:_MAX_DOCUMENTS]]


def _carried(word: str, parts: tuple[str, ...], question: str) -> float:
    """How much of a title word the question carries: all of it, a place without its suffix
    (宁波 for 宁波市), or the share of its parts (宗教场所 carries 场所 of 活动场所)."""
    if word in question:
        return 1.0
    for suffix in _PLACE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2 and word[:-len(suffix)] in question:
            return 1.0
    if not parts:
        return 0.0
    return sum(part in question for part in parts) / len(parts)
