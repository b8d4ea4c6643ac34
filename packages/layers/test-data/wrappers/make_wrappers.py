"""Keras 3 references for Bidirectional (merge modes, return_state, masks, explicit backward_layer) and
TimeDistributed (4-D inputs, masks). Run: KERAS_BACKEND=jax /work/main/.venv/bin/python make_wrappers.py"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recurrent"))
from k3cases import CaseWriter, keras  # noqa: E402

L = keras.layers
w = CaseWriter("wrappers", seed=11)
x = w.floats((3, 5, 4))
f32 = "float32"
ids = w.ids((3, 5), 9, [(0, (3, 5)), (2, (1, 2))])

for mode in ("concat", "sum", "mul", "ave"):
    w.add(f"Bidirectional.LSTM.{mode}", f"Bidirectional(LSTM(3, return_sequences), merge_mode={mode})", [("in_0", x, f32)],
          [("l1", L.Bidirectional(L.LSTM(3, return_sequences=True), merge_mode=mode), ["in_0"], {})], ["l1"])
w.add("Bidirectional.GRU.none", "Bidirectional(GRU(3), merge_mode=None)", [("in_0", x, f32)],
      [("l1", L.Bidirectional(L.GRU(3), merge_mode=None), ["in_0"], {})], ["l1:0", "l1:1"])
w.add("Bidirectional.LSTM.return_state", "Bidirectional(LSTM(3, return_state))", [("in_0", x, f32)],
      [("l1", L.Bidirectional(L.LSTM(3, return_state=True)), ["in_0"], {})], ["l1:0", "l1:1", "l1:2", "l1:3", "l1:4"])
w.add("Bidirectional.backward_layer", "Bidirectional(LSTM(3, rs), backward_layer=GRU(3, rs, go_backwards))", [("in_0", x, f32)],
      [("l1", L.Bidirectional(L.LSTM(3, return_sequences=True), backward_layer=L.GRU(3, return_sequences=True, go_backwards=True)), ["in_0"], {})], ["l1"])
for rs in (False, True):
    w.add(f"Bidirectional.mask.rs_{rs}", f"Embedding(mask_zero) -> Bidirectional(LSTM(3, return_sequences={rs}))", [("in_0", ids, "int32")],
          [("emb", L.Embedding(9, 4, mask_zero=True), ["in_0"], {}), ("l1", L.Bidirectional(L.LSTM(3, return_sequences=rs)), ["emb"], {})], ["l1"])
w.add("Bidirectional.mask.stacked", "Embedding(mask_zero) -> Bidirectional(GRU(3, rs), sum) -> LSTM(2)", [("in_0", ids, "int32")],
      [("emb", L.Embedding(9, 4, mask_zero=True), ["in_0"], {}), ("l1", L.Bidirectional(L.GRU(3, return_sequences=True), merge_mode="sum"), ["emb"], {}),
       ("l2", L.LSTM(2), ["l1"], {})], ["l2"])
x4 = w.floats((2, 3, 4, 5))
w.add("TimeDistributed.Dense.4d", "TimeDistributed(Dense(3)) on [2, 3, 4, 5]", [("in_0", x4, f32)],
      [("l1", L.TimeDistributed(L.Dense(3, activation="tanh")), ["in_0"], {})], ["l1"])
w.add("TimeDistributed.mask", "Embedding(mask_zero) -> TimeDistributed(Dense(3)) -> LSTM(2)", [("in_0", ids, "int32")],
      [("emb", L.Embedding(9, 4, mask_zero=True), ["in_0"], {}), ("l1", L.TimeDistributed(L.Dense(3)), ["emb"], {}), ("l2", L.LSTM(2), ["l1"], {})], ["l2"])
w.write(os.path.dirname(os.path.abspath(__file__)))
