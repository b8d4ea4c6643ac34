"""Keras 3 references for the recurrent layers (options the Keras 2.1 fixtures lack): GRU with reset_after
True and False, sigmoid and Keras 3 hard_sigmoid, return_state, masks (Embedding mask_zero and Masking),
go_backwards with masks, initial states, the generic RNN over cells and StackedRNNCells.
Run: KERAS_BACKEND=jax /work/main/.venv/bin/python make_recurrent.py"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from k3cases import CaseWriter, keras  # noqa: E402

L = keras.layers
w = CaseWriter("recurrent", seed=7)
x = w.floats((3, 5, 4))
f32 = "float32"
pad = [(0, (3, 5)), (2, (1, 2))]  # row 0 right-padded, row 2 padded in the middle
ids = w.ids((3, 5), 9, pad)

for reset_after in (True, False):
    for rs in (False, True):
        for gb in (False, True):
            w.add(f"GRU.reset_after_{reset_after}.rs_{rs}.gb_{gb}", f"GRU(3) reset_after={reset_after} return_sequences={rs} go_backwards={gb}",
                  [("in_0", x, f32)], [("l1", L.GRU(3, reset_after=reset_after, return_sequences=rs, go_backwards=gb), ["in_0"], {})], ["l1"])
w.add("GRU.hard_sigmoid", "GRU(3) recurrent_activation='hard_sigmoid' (Keras 3 meaning: relu6(x+3)/6)",
      [("in_0", x, f32)], [("l1", L.GRU(3, recurrent_activation="hard_sigmoid", return_sequences=True), ["in_0"], {})], ["l1"])
w.add("GRU.no_bias", "GRU(3) use_bias=False reset_after=True", [("in_0", x, f32)], [("l1", L.GRU(3, use_bias=False, return_sequences=True), ["in_0"], {})], ["l1"])
w.add("LSTM.hard_sigmoid", "LSTM(3) recurrent_activation='hard_sigmoid' (Keras 3 meaning)",
      [("in_0", x, f32)], [("l1", L.LSTM(3, recurrent_activation="hard_sigmoid", return_sequences=True), ["in_0"], {})], ["l1"])
w.add("LSTM.return_state", "LSTM(3) return_state=True", [("in_0", x, f32)], [("l1", L.LSTM(3, return_state=True), ["in_0"], {})], ["l1:0", "l1:1", "l1:2"])
w.add("GRU.return_state", "GRU(3) return_sequences and return_state (output only: Keras nests the per-cell states)", [("in_0", x, f32)],
      [("l1", L.GRU(3, return_sequences=True, return_state=True), ["in_0"], {})], ["l1:0", "l1:1"])
w.add("SimpleRNN.return_state", "SimpleRNN(3) return_state", [("in_0", x, f32)], [("l1", L.SimpleRNN(3, return_state=True), ["in_0"], {})], ["l1:0", "l1:1"])

h0 = w.floats((3, 3))
c0 = w.floats((3, 3))
w.add("LSTM.initial_state", "LSTM(3) with initial_state=[h0, c0]", [("in_0", x, f32), ("h0", h0, f32), ("c0", c0, f32)],
      [("l1", L.LSTM(3, return_sequences=True), ["in_0", "h0", "c0"], {"_initial_state": True})], ["l1"])
w.add("GRU.initial_state", "GRU(3) with initial_state=[h0]", [("in_0", x, f32), ("h0", h0, f32)],
      [("l1", L.GRU(3), ["in_0", "h0"], {"_initial_state": True})], ["l1"])

for cls in ("LSTM", "GRU", "SimpleRNN"):
    for rs in (False, True):
        for gb in (False, True):
            w.add(f"{cls}.mask.rs_{rs}.gb_{gb}", f"Embedding(mask_zero) -> {cls}(3) return_sequences={rs} go_backwards={gb}",
                  [("in_0", ids, "int32")],
                  [("emb", L.Embedding(9, 4, mask_zero=True), ["in_0"], {}), ("l1", getattr(L, cls)(3, return_sequences=rs, go_backwards=gb), ["emb"], {})], ["l1"])
w.add("LSTM.mask.return_state", "Embedding(mask_zero) -> LSTM(3, return_state) (states keep their values at padded steps)",
      [("in_0", ids, "int32")], [("emb", L.Embedding(9, 4, mask_zero=True), ["in_0"], {}), ("l1", L.LSTM(3, return_state=True), ["emb"], {})], ["l1:1", "l1:2"])
xm = x.copy()
xm[1, 2:, :] = 0.0
w.add("Masking.LSTM", "Masking(0) -> LSTM(3, return_sequences)", [("in_0", xm, f32)],
      [("m", L.Masking(0.0), ["in_0"], {}), ("l1", L.LSTM(3, return_sequences=True), ["m"], {})], ["l1"])
w.add("RNN.LSTMCell", "RNN(LSTMCell(3), return_sequences)", [("in_0", x, f32)], [("l1", L.RNN(L.LSTMCell(3), return_sequences=True), ["in_0"], {})], ["l1"])
w.add("RNN.stacked", "RNN([LSTMCell(3), GRUCell(2), SimpleRNNCell(4)]) return_state (output only: Keras nests the per-cell states)", [("in_0", x, f32)],
      [("l1", L.RNN([L.LSTMCell(3), L.GRUCell(2), L.SimpleRNNCell(4)], return_state=True), ["in_0"], {})], ["l1:0"])
w.add("LSTM.stacked_layers", "LSTM(4, return_sequences) -> GRU(3, go_backwards)", [("in_0", x, f32)],
      [("l1", L.LSTM(4, return_sequences=True), ["in_0"], {}), ("l2", L.GRU(3, go_backwards=True), ["l1"], {})], ["l2"])

w.write(os.path.dirname(os.path.abspath(__file__)))
