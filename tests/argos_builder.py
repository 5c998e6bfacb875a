"""Build real, valid Argos packages (.argosmodel) with no download: for tests and bench.

A package is a zip of one folder holding metadata.json, sentencepiece.model (trained
here, in-process, on a small text) and model/ (a CTranslate2 Transformer written from
numpy weights through ctranslate2's spec API and its converter).

Random weights decode to the maximum length: slow, and nothing to assert on. These
weights make the model emit a fixed phrase for every input sentence: token embeddings
are scaled one-hot vectors that dominate the position encodings, every attention and
feed-forward block adds zero, so the decoder's final state says which token came last;
the output projection maps "last token" to "next token of the phrase", and the last
phrase token to </s>. Greedy or beam search then spells the phrase and stops.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np

TRAINING_TEXT = """The council approved the budget for the new bridge on Tuesday.
The mayor said the work would start in the spring and end next year.
Residents asked for a safer crossing and more buses in the morning.
El ayuntamiento aprobó el presupuesto del nuevo puente el martes.
La alcaldesa dijo que las obras empezarían en primavera.
Le conseil a approuvé le budget du nouveau pont mardi.
Trump told Fox News that Hegseth met Netanyahu in Washington.
"""


def train_sentencepiece(phrase_words: list[str], extra: list[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    lines = TRAINING_TEXT.splitlines() * 4 + [" ".join(phrase_words)] * 100
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="bpe",  # frequent phrase words become whole pieces
        character_coverage=1.0,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        user_defined_symbols=extra,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def _chain_spec(
    vocab: list[str],
    chain: list[int],
    d_model: int,
    layers: tuple[int, int],
    heads: int,
    ffn: int,
    noise: float = 0.0,
):
    """A Transformer whose decoder goes chain[0] -> chain[1] -> ... deterministically.

    ``noise``: small random weights in the blocks instead of zeros. The output is the
    same (the one-hot state dwarfs them), but no two weight matrices are identical, so
    CTranslate2 cannot alias them: the model has its real size and memory traffic."""
    rng = np.random.default_rng(0)
    from ctranslate2.specs import TransformerSpec

    v = len(vocab)
    assert d_model >= v, "one-hot embeddings need d_model >= vocabulary size"
    spec = TransformerSpec.from_config(layers, heads)
    f32 = np.float32

    def zeros(*shape):
        if noise:
            return rng.normal(0, noise, shape).astype(f32)
        return np.zeros(shape, dtype=f32)

    def norm(ln):
        ln.gamma = np.ones(d_model, dtype=f32)
        ln.beta = zeros(d_model)

    emb = np.zeros((v, d_model), dtype=f32)
    emb[np.arange(v), np.arange(v)] = 1000.0
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = emb
    dec.embeddings.weight = emb.copy()
    enc.scale_embeddings = False
    dec.scale_embeddings = False
    norm(enc.layer_norm)
    norm(dec.layer_norm)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = zeros(3 * d_model, d_model)
        layer.self_attention.linear[1].weight = zeros(d_model, d_model)
        norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = zeros(ffn, d_model)
        layer.ffn.linear_1.weight = zeros(d_model, ffn)
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = zeros(3 * d_model, d_model)
        layer.self_attention.linear[1].weight = zeros(d_model, d_model)
        norm(layer.attention.layer_norm)
        layer.attention.linear[0].weight = zeros(d_model, d_model)
        layer.attention.linear[1].weight = zeros(2 * d_model, d_model)
        layer.attention.linear[2].weight = zeros(d_model, d_model)
        norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = zeros(ffn, d_model)
        layer.ffn.linear_1.weight = zeros(d_model, ffn)
    proj = np.zeros((v, d_model), dtype=f32)
    for prev, nxt in zip(chain, chain[1:], strict=False):
        proj[nxt, prev] = 10.0
    dec.projection.weight = proj
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def build_package(
    out_dir: Path,
    from_code: str,
    to_code: str,
    phrase: str,
    *,
    version: str = "1.0",
    target_prefix: str = "",
    d_model: int = 128,
    layers: tuple[int, int] = (1, 1),
    heads: int = 2,
    ffn: int = 64,
    vocab_size: int = 100,
    quantization: str | None = None,
    noise: float = 0.0,
) -> Path:
    """Write translate-<from>_<to>-<version>.argosmodel into out_dir and return its path."""
    import ctranslate2
    import sentencepiece as spm

    words = phrase.split()
    extra = [target_prefix] if target_prefix else []
    sp_bytes = train_sentencepiece(words, extra, vocab_size)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    ids = sp.encode(phrase, out_type=int)
    assert len(set(ids)) == len(ids), f"phrase pieces must not repeat: {sp.encode(phrase)}"
    start = [sp.piece_to_id(target_prefix)] if target_prefix else [sp.bos_id()]
    chain = [*start, *ids, sp.eos_id()]

    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    work = Path(tempfile.mkdtemp())
    try:
        folder = work / name
        folder.mkdir()
        (folder / "sentencepiece.model").write_bytes(sp_bytes)
        spec = _chain_spec(vocab, chain, d_model, layers, heads, ffn, noise)

        class _Converter(ctranslate2.converters.Converter):
            def _load(self):
                return spec

        _Converter().convert(str(folder / "model"), quantization=quantization, force=True)
        meta = {
            "package_version": version,
            "argos_version": "1.9.0",
            "from_code": from_code,
            "from_name": from_code,
            "to_code": to_code,
            "to_name": to_code,
            "type": "translate",
            "target_prefix": target_prefix,
            "links": [],
        }
        (folder / "metadata.json").write_text(json.dumps(meta, indent=2))
        (folder / "README.md").write_text(f"Test package {from_code}->{to_code}: '{phrase}'.\n")
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{name}.argosmodel"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(folder.rglob("*")):
                z.write(path, path.relative_to(work))
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)
