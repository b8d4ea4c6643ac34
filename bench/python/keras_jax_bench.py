"""The bench models in Python Keras 3 on JAX (the peer our users compare us with).

Run by bench/src/main.ts as `KERAS_BACKEND=jax python keras_jax_bench.py <min_seconds>`; prints one line
`@@RESULT {json}` with rows shaped like the TypeScript sides' (name, unit, value).
"""
import json
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

MIN_SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
rng = np.random.default_rng(0)


def mlp():
    return keras.Sequential([
        keras.Input((784,)),
        layers.Dense(256, activation="relu"),
        layers.Dense(256, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ]), "categorical_crossentropy"


def cnn():
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(128, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ]), "categorical_crossentropy"


def lstm():
    return keras.Sequential([
        keras.Input((64,), dtype="int32"),
        layers.Embedding(5000, 32),
        layers.LSTM(32),
        layers.Dense(1, activation="sigmoid"),
    ]), "binary_crossentropy"


def gru():
    return keras.Sequential([
        keras.Input((64,), dtype="int32"),
        layers.Embedding(5000, 32),
        layers.GRU(32),
        layers.Dense(1, activation="sigmoid"),
    ]), "binary_crossentropy"


def data(name, n):
    if name in ("lstm", "gru"):
        return rng.integers(0, 5000, (n, 64)).astype("int32"), rng.random((n, 1)).astype("float32")
    x = rng.standard_normal((n, 784) if name == "mlp" else (n, 28, 28, 1)).astype("float32")
    y = np.eye(10, dtype="float32")[rng.integers(0, 10, n)]
    return x, y


def rate(fn, min_seconds):
    fn()  # warm-up (jit compilation)
    t0 = time.perf_counter()
    n = 0
    while True:
        fn()
        n += 1
        if time.perf_counter() - t0 >= min_seconds:
            break
    return n / (time.perf_counter() - t0)


SPECS = [("mlp", mlp, 128, 1024), ("cnn", cnn, 128, 256), ("lstm", lstm, 128, 256), ("gru", gru, 128, 256)]

rows = []
for name, build, batch, samples in SPECS:
    try:
        model, loss = build()
        model.compile(optimizer="adam", loss=loss)
        x, y = data(name, samples)
        per_s = rate(lambda: model.fit(x, y, batch_size=batch, epochs=1, verbose=0, shuffle=False), MIN_SECONDS * 1.5)
        rows.append({"name": f"{name} train", "unit": "samples/s", "value": per_s * samples})
        px, _ = data(name, 1024)
        per_s = rate(lambda: model.predict(px, batch_size=256, verbose=0), MIN_SECONDS * 0.75)
        rows.append({"name": f"{name} predict", "unit": "samples/s", "value": per_s * 1024})
    except Exception as e:  # a bench never fails the run
        rows.append({"name": f"{name} train", "unit": "samples/s", "value": None, "note": f"fails: {e}"[:160]})

print("@@RESULT " + json.dumps({"side": "jax", "backend": keras.backend.backend(), "keras": keras.__version__, "rows": rows}))
