"""Keras 3 references for Embedding (Keras 3 configs, mask_zero feeding an RNN) and Masking.
Run: KERAS_BACKEND=jax /work/main/.venv/bin/python make_embedding.py"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recurrent"))
from k3cases import CaseWriter, keras  # noqa: E402

L = keras.layers
w = CaseWriter("embedding", seed=3)
ids = w.ids((3, 6), 12, [(0, (4, 6)), (1, (0, 2))])
w.add("Embedding.basic", "Embedding(12, 5)", [("in_0", ids, "int32")], [("l1", L.Embedding(12, 5), ["in_0"], {})], ["l1"])
w.add("Embedding.2d_ids", "Embedding(12, 3) on [batch, 2, 3] ids", [("in_0", ids.reshape(3, 2, 3), "int32")], [("l1", L.Embedding(12, 3), ["in_0"], {})], ["l1"])
w.add("Embedding.mask_zero.LSTM", "Embedding(12, 4, mask_zero) -> LSTM(3): padded steps ignored", [("in_0", ids, "int32")],
      [("l1", L.Embedding(12, 4, mask_zero=True), ["in_0"], {}), ("l2", L.LSTM(3), ["l1"], {})], ["l2"])
x = w.floats((3, 5, 4))
x[0, 3:, :] = 0.5
x[2, 0, :] = 0.5
w.add("Masking.value", "Masking(0.5) -> SimpleRNN(3, return_sequences)", [("in_0", x, "float32")],
      [("m", L.Masking(0.5), ["in_0"], {}), ("l1", L.SimpleRNN(3, return_sequences=True), ["m"], {})], ["l1"])
w.add("Masking.output", "Masking(0.5) output (masked steps zeroed)", [("in_0", x, "float32")], [("m", L.Masking(0.5), ["in_0"], {})], ["m"])
w.write(os.path.dirname(os.path.abspath(__file__)))
