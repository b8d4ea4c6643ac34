"""Keras 3 references for ConvLSTM2D (padding, strides, dilation, channels_first, return_sequences/state,
go_backwards). Writes conv_lstm/cases.json + conv_lstm/conv_lstm.json.
Run: KERAS_BACKEND=jax /work/main/.venv/bin/python make_conv_lstm.py"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from k3cases import CaseWriter, keras  # noqa: E402

L = keras.layers
w = CaseWriter("conv_lstm", seed=21)
f32 = "float32"
x = w.floats((2, 3, 5, 6, 2))
w.add("ConvLSTM2D.valid", "ConvLSTM2D(3, 3) valid", [("in_0", x, f32)], [("l1", L.ConvLSTM2D(3, 3), ["in_0"], {})], ["l1"])
w.add("ConvLSTM2D.same_seq", "ConvLSTM2D(2, (3, 2), padding='same', return_sequences)", [("in_0", x, f32)],
      [("l1", L.ConvLSTM2D(2, (3, 2), padding="same", return_sequences=True), ["in_0"], {})], ["l1"])
w.add("ConvLSTM2D.strides_back", "ConvLSTM2D(2, 2, strides=2, go_backwards)", [("in_0", x, f32)], [("l1", L.ConvLSTM2D(2, 2, strides=2, go_backwards=True), ["in_0"], {})], ["l1"])
w.add("ConvLSTM2D.dilation_state", "ConvLSTM2D(2, 2, dilation_rate=2, return_state)", [("in_0", x, f32)],
      [("l1", L.ConvLSTM2D(2, 2, dilation_rate=2, return_state=True), ["in_0"], {})], ["l1:0", "l1:2"])
xf = w.floats((2, 3, 2, 5, 4))
w.add("ConvLSTM2D.channels_first", "ConvLSTM2D(2, 3, data_format='channels_first', padding='same', return_sequences)", [("in_0", xf, f32)],
      [("l1", L.ConvLSTM2D(2, 3, data_format="channels_first", padding="same", return_sequences=True), ["in_0"], {})], ["l1"])
os.makedirs(os.path.join(here, "conv_lstm"), exist_ok=True)
w.write(os.path.join(here, "conv_lstm"))
