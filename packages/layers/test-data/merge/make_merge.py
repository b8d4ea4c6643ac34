"""Keras 3 references for merge-layer rules the Keras 2.1.2 fixtures lack: broadcasting, inputs of different
ranks, batch of 2, Concatenate on a middle axis, Dot with normalize and mixed axes.

Run: KERAS_BACKEND=jax /work/main/.venv/bin/python packages/layers/test-data/merge/make_merge.py
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conv"))
from refgen import RefWriter, keras  # noqa: E402

L = keras.layers
w = RefWriter("merge")
c = w.case

c("Add.broadcast", "Add [3,4] + [1,4]", [(3, 4), (1, 4)], [("m", L.Add(), ["in_0", "in_1"])])
c("Add.ranks", "Add [3,4] + [4] (lower rank expanded at axis 1)", [(3, 4), (4,)], [("m", L.Add(), ["in_0", "in_1"])])
c("Subtract.broadcast", "Subtract [3,1] - [3,4]", [(3, 1), (3, 4)], [("m", L.Subtract(), ["in_0", "in_1"])])
c("Multiply.three", "Multiply of three inputs", [(2, 3), (2, 3), (2, 3)], [("m", L.Multiply(), ["in_0", "in_1", "in_2"])])
c("Average.three", "Average of three inputs", [(4,), (4,), (4,)], [("m", L.Average(), ["in_0", "in_1", "in_2"])])
c("Maximum.broadcast", "Maximum [2,3] and [2,1]", [(2, 3), (2, 1)], [("m", L.Maximum(), ["in_0", "in_1"])])
c("Minimum.three", "Minimum of three inputs", [(5,), (5,), (5,)], [("m", L.Minimum(), ["in_0", "in_1", "in_2"])])
c("Concatenate.axis1", "Concatenate axis 1", [(2, 3), (4, 3)], [("m", L.Concatenate(axis=1), ["in_0", "in_1"])])
c("Concatenate.axis_neg2", "Concatenate axis -2, three inputs", [(1, 2, 3), (1, 1, 3), (1, 3, 3)], [("m", L.Concatenate(axis=-2), ["in_0", "in_1", "in_2"])])
c("Dot.normalize_2d", "Dot axes 1 normalize (cosine) on 2-D", [(4,), (4,)], [("m", L.Dot(axes=1, normalize=True), ["in_0", "in_1"])])
c("Dot.axes_2_2", "Dot axes (2,2) on 3-D", [(3, 4), (5, 4)], [("m", L.Dot(axes=(2, 2)), ["in_0", "in_1"])])
c("Dot.axes_1_2", "Dot axes (1,2) on 3-D", [(3, 4), (5, 3)], [("m", L.Dot(axes=(1, 2)), ["in_0", "in_1"])])
c("Dot.neg_normalize", "Dot axes -1 normalize, 3-D and 2-D", [(3, 4), (4,)], [("m", L.Dot(axes=-1, normalize=True), ["in_0", "in_1"])])

w.write(os.path.dirname(os.path.abspath(__file__)))
