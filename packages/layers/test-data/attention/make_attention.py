"""Keras 3 references for Attention (dot/concat, use_scale, causal, scores, masks), AdditiveAttention and
MultiHeadAttention (self/cross attention, key, value_dim, output_shape, attention_axes, causal, scores,
value masks). Runs on the TensorFlow backend: Keras 3.15's JAX path for MultiHeadAttention fails when
value_dim != key_dim. Run: /work/main/.venv/bin/python make_attention.py"""
import os
import sys

os.environ["KERAS_BACKEND"] = "tensorflow"

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recurrent"))
from k3cases import CaseWriter, keras  # noqa: E402

L = keras.layers
w = CaseWriter("attention", seed=5)
f32 = "float32"
q = w.floats((2, 4, 3))
v = w.floats((2, 5, 3))
k = w.floats((2, 5, 3))
qi = w.ids((2, 4), 7, [(0, (3, 4))])
vi = w.ids((2, 5), 7, [(0, (2, 5)), (1, (4, 5))])

for cls, variants in (("Attention", [{}, {"use_scale": True}, {"score_mode": "concat"}, {"score_mode": "concat", "use_scale": True}]),
                      ("AdditiveAttention", [{}, {"use_scale": False}])):
    for opts in variants:
        tag = ".".join(f"{a}_{b}" for a, b in opts.items()) or "default"
        w.add(f"{cls}.{tag}", f"{cls}({opts}) [query, value]", [("q", q, f32), ("v", v, f32)], [("l1", getattr(L, cls)(**opts), ["q", "v"], {})], ["l1"])
    w.add(f"{cls}.key", f"{cls} [query, value, key]", [("q", q, f32), ("v", v, f32), ("k", k, f32)], [("l1", getattr(L, cls)(), ["q", "v", "k"], {})], ["l1"])
    w.add(f"{cls}.causal_scores", f"{cls} use_causal_mask, return_attention_scores", [("q", q, f32), ("v", v, f32)],
          [("l1", getattr(L, cls)(), ["q", "v"], {"use_causal_mask": True, "return_attention_scores": True})], ["l1:0", "l1:1"])
    w.add(f"{cls}.masks", f"Embedding(mask_zero) query and value -> {cls}", [("qi", qi, "int32"), ("vi", vi, "int32")],
          [("eq", L.Embedding(7, 3, mask_zero=True), ["qi"], {}), ("ev", L.Embedding(7, 3, mask_zero=True), ["vi"], {}),
           ("l1", getattr(L, cls)(), ["eq", "ev"], {"return_attention_scores": True})], ["l1:0", "l1:1"])

M = L.MultiHeadAttention
w.add("MHA.self", "MultiHeadAttention(2, 3) self-attention", [("q", q, f32)], [("l1", M(2, 3), ["q", "q"], {})], ["l1"])
w.add("MHA.cross_key", "MultiHeadAttention(3, 2) [query, value, key]", [("q", q, f32), ("v", v, f32), ("k", k, f32)], [("l1", M(3, 2), ["q", "v", "k"], {})], ["l1"])
w.add("MHA.value_dim_output_shape", "MultiHeadAttention(2, 3, value_dim=4, output_shape=5, use_bias=False)", [("q", q, f32), ("v", v, f32)],
      [("l1", M(2, 3, value_dim=4, output_shape=5, use_bias=False), ["q", "v"], {})], ["l1"])
w.add("MHA.causal_scores", "MultiHeadAttention(2, 3) use_causal_mask, return_attention_scores", [("q", q, f32)],
      [("l1", M(2, 3), ["q", "q"], {"use_causal_mask": True, "return_attention_scores": True})], ["l1:0", "l1:1"])
w.add("MHA.value_mask", "query float, value from Embedding(mask_zero) -> MultiHeadAttention(2, 3)", [("q", q, f32), ("vi", vi, "int32")],
      [("ev", L.Embedding(7, 3, mask_zero=True), ["vi"], {}), ("l1", M(2, 3), ["q", "ev"], {"return_attention_scores": True})], ["l1:0", "l1:1"])
x4 = w.floats((2, 3, 4, 5))
w.add("MHA.rank4_default_axes", "MultiHeadAttention(2, 3) on [2, 3, 4, 5] (attention over axes 1 and 2)", [("x", x4, f32)],
      [("l1", M(2, 3), ["x", "x"], {"return_attention_scores": True})], ["l1:0", "l1:1"])
w.add("MHA.rank4_axes_2", "MultiHeadAttention(2, 3, attention_axes=(2,)) on [2, 3, 4, 5]", [("x", x4, f32)],
      [("l1", M(2, 3, attention_axes=(2,)), ["x", "x"], {"return_attention_scores": True})], ["l1:0", "l1:1"])
w.write(os.path.dirname(os.path.abspath(__file__)))
