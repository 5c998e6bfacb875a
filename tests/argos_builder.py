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
        meta = _metadata(from_code, to_code, version, target_prefix, "1.9.0")
        readme = f"Test package {from_code}->{to_code}: '{phrase}'.\n"
        return _package(folder, spec, quantization, meta, readme, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _metadata(from_code: str, to_code: str, version: str, prefix: str, argos: str) -> dict:
    return {
        "package_version": version,
        "argos_version": argos,
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
        "target_prefix": prefix,
        "links": [],
    }


def _package(
    folder: Path, spec, quantization: str | None, meta: dict, readme: str, out_dir: Path
) -> Path:
    """folder/model from ``spec``, metadata.json and README.md, zipped into out_dir."""
    import ctranslate2

    class _Converter(ctranslate2.converters.Converter):
        def _load(self):
            return spec

    _Converter().convert(str(folder / "model"), quantization=quantization, force=True)
    (folder / "metadata.json").write_text(json.dumps(meta, indent=2))
    (folder / "README.md").write_text(readme)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{folder.name}.argosmodel"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            z.write(path, path.relative_to(folder.parent))
    return target


# A copy model -------------------------------------------------------------------------
# Decoder step t emits source token t, then </s>: every token of the input is visible in
# the output, so tokenization, unknown-word handling and decoding can be compared
# exactly. Learned position encodings are one-hot in their own dimensions; the
# cross-attention query of step t matches only the key of source position t (a hard
# alignment); its value carries that position's token into a "copy" subspace, which the
# output projection reads. Past the end nothing matches and attention spreads; the
# decoder's feed-forward block tells the two apart, and only then does </s> win (a beam
# search must never find </s> a likely second choice, or it stops at beam-size tokens).
COPY_MAX_LEN = 258  # decoding stops at 256 steps (CTranslate2's default) at the latest


def _copy_spec(vocab: list[str], eos: int, shifted: bool):
    from ctranslate2.specs import TransformerSpec

    v, n = len(vocab), COPY_MAX_LEN
    d = n + 2 * v + 1
    d += d % 2
    tok, copy, found = n, n + v, n + 2 * v  # first dimension of each subspace
    f32 = np.float32
    m = 10.0
    spec = TransformerSpec.from_config((1, 1), 1, no_final_norm=True)
    emb = np.zeros((v, d), dtype=f32)
    emb[np.arange(v), tok + np.arange(v)] = m
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = emb
    dec.embeddings.weight = emb.copy()
    enc.scale_embeddings = dec.scale_embeddings = False
    pos = np.zeros((n + 1, d), dtype=f32)
    pos[np.arange(n), np.arange(n)] = m
    enc.position_encodings.encodings = pos
    dpos = np.zeros((n + 1, d), dtype=f32)
    if shifted:  # a target prefix takes decoder step 0: step t+1 copies source token t
        dpos[np.arange(1, n + 1), np.arange(n)] = m
    else:
        dpos[np.arange(n), np.arange(n)] = m
    dec.position_encodings.encodings = dpos

    def norm(ln):
        ln.gamma = np.ones(d, dtype=f32)
        ln.beta = np.zeros(d, dtype=f32)

    def zero_block(layer):
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = np.zeros((3 * d, d), dtype=f32)
        layer.self_attention.linear[1].weight = np.zeros((d, d), dtype=f32)
        norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = np.zeros((8, d), dtype=f32)
        layer.ffn.linear_1.weight = np.zeros((d, 8), dtype=f32)

    for layer in enc.layer:
        zero_block(layer)
    for layer in dec.layer:
        zero_block(layer)
        # Its feed-forward block says whether the attention found its position: one
        # unit per token fires when that token holds most of the copy subspace.
        first = np.zeros((v, d), dtype=f32)
        first[np.arange(v), copy + np.arange(v)] = 1.0
        layer.ffn.linear_0.weight = first
        layer.ffn.linear_0.bias = np.full(v, -9.0, dtype=f32)
        second = np.zeros((d, v), dtype=f32)
        second[found, :] = 1.0
        layer.ffn.linear_1.weight = second
        norm(layer.attention.layer_norm)
        query = np.zeros((d, d), dtype=f32)
        query[np.arange(n), np.arange(n)] = 50.0
        kv = np.zeros((2 * d, d), dtype=f32)
        kv[np.arange(n), np.arange(n)] = 1.0  # keys: the source position
        kv[d + copy + np.arange(v), tok + np.arange(v)] = 1.0  # values: its token
        layer.attention.linear[0].weight = query
        layer.attention.linear[1].weight = kv
        layer.attention.linear[2].weight = np.eye(d, dtype=f32)
    proj = np.zeros((v, d), dtype=f32)
    proj[np.arange(v), copy + np.arange(v)] = 3.0  # an aligned token: logit 30
    proj[eos, found] = -20.0  # </s> never while a position is found...
    bias = np.zeros(v, dtype=f32)
    bias[eos] = 40.0  # ...and always past the end, where the copy logits spread
    dec.projection.weight = proj
    dec.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def learn_bpe_codes(text: str, merges: int) -> str:
    """subword-nmt codes (what argostranslate reads as bpe.model) learnt from ``text``."""
    from subword_nmt.learn_bpe import learn_bpe

    out = io.StringIO()
    learn_bpe(io.StringIO(text), out, merges, min_frequency=1)
    return out.getvalue()


def build_copy_package(
    out_dir: Path,
    from_code: str,
    to_code: str,
    *,
    tokenizer: str = "sentencepiece",
    target_prefix: str = "",
    version: str = "1.0",
    metadata: dict | None = None,
    vocab_size: int = 120,
    prefixes: tuple[str, ...] = (),
) -> Path:
    """A package whose model copies its input (see above), with a SentencePiece or a BPE
    (subword-nmt codes + sacremoses) tokenizer, as the Argos index ships both.
    ``prefixes``: target tokens of a multilingual package (``__es__``), in the vocabulary."""

    prefixes = tuple(dict.fromkeys([*([target_prefix] if target_prefix else []), *prefixes]))

    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}-{tokenizer}"
    work = Path(tempfile.mkdtemp())
    try:
        folder = work / name
        folder.mkdir()
        specials = ["<unk>", "<s>", "</s>"]
        if tokenizer == "sentencepiece":
            import sentencepiece as spm

            sp_bytes = train_sentencepiece(["copy"], list(prefixes), vocab_size)
            (folder / "sentencepiece.model").write_bytes(sp_bytes)
            sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
            vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        else:
            from argostranslate.tokenizer import BPETokenizer

            codes = learn_bpe_codes(TRAINING_TEXT, 60)
            (folder / "bpe.model").write_text(codes, encoding="utf-8")
            bpe = BPETokenizer(folder / "bpe.model", from_code, to_code)
            tokens = {t for line in TRAINING_TEXT.splitlines() for t in bpe.encode(line)}
            vocab = [*specials, *prefixes, *sorted(tokens)]
        spec = _copy_spec(vocab, vocab.index("</s>"), shifted=bool(prefixes))
        meta = _metadata(from_code, to_code, version, target_prefix, "1.11.0") | (metadata or {})
        readme = f"Copy model {from_code}->{to_code} ({tokenizer}).\n"
        return _package(folder, spec, None, meta, readme, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
