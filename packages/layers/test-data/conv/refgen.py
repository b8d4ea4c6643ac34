"""Reference-vector writer shared by the make_<family>.py scripts (run with KERAS_BACKEND=jax and real Keras 3).

Each case is a small functional model: named inputs (batch of 2), layers built by Keras 3 itself, random
non-zero weights. `cases.json` records each layer's Keras 3 `get_config()` (so the configs tested are the ones
Keras 3 writes) and the wiring, in the format of ../../../../../shared/fixtures/layer-vectors/cases.json;
`<family>.json` holds the inputs, the weights in `model.get_weights()` order and the output, all with the batch
dimension.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402


def arr(a):
    a = np.asarray(a, dtype=np.float64)
    return {"data": [float(v) for v in a.reshape(-1)], "shape": list(a.shape)}


class RefWriter:
    def __init__(self, family, seed=1234):
        self.family = family
        self.file = f"{family}.json"
        self.rng = np.random.RandomState(seed)
        self.cases = {}
        self.vectors = {}

    def random_weights(self, model, positive=()):
        ws = []
        for w in model.weights:
            shape = tuple(w.shape)
            if any(p in w.path for p in positive):
                ws.append(self.rng.uniform(0.5, 1.5, shape).astype("float32"))
            else:
                v = self.rng.uniform(-1.0, 1.0, shape).astype("float32")
                v[np.abs(v) < 0.05] = 0.3  # non-zero
                ws.append(v)
        model.set_weights(ws)

    def case(self, key, title, input_shapes, layers, training=False, positive=("moving_variance",), input_fn=None, batch=2):
        """layers: list of (name, layer, inbound names). The last layer is the output."""
        keras.utils.set_random_seed(0)
        inputs = {f"in_{i}": keras.Input(shape=tuple(s), name=f"in_{i}") for i, s in enumerate(input_shapes)}
        tensors = dict(inputs)
        specs = []
        for name, layer, inbound in layers:
            ins = [tensors[n] for n in inbound]
            tensors[name] = layer(ins[0] if len(ins) == 1 else ins)
            cfg = layer.get_config()
            cfg.pop("name", None)
            specs.append({"name": name, "class_name": layer.__class__.__name__, "config": cfg, "inbound": inbound})
        model = keras.Model(list(inputs.values()), tensors[layers[-1][0]])
        self.random_weights(model, positive)
        xs = []
        for s in input_shapes:
            x = input_fn(self.rng, (batch, *s)) if input_fn else self.rng.uniform(-2.0, 2.0, (batch, *s))
            xs.append(x.astype("float32"))
        y = model(xs if len(xs) > 1 else xs[0], training=training)
        self.cases[key] = {
            "file": self.file,
            "title": title,
            "inputs": [{"name": f"in_{i}", "shape": list(s)} for i, s in enumerate(input_shapes)],
            "layers": specs,
            "outputs": [layers[-1][0]],
            **({"training": True} if training else {}),
        }
        vec = {"weights": [arr(w) for w in model.get_weights()], "expected": arr(np.asarray(y))}
        if len(xs) == 1:
            vec["input"] = arr(xs[0])
        else:
            vec["inputs"] = [arr(x) for x in xs]
        self.vectors[key] = vec

    def write(self, outdir, extra_meta=None):
        meta = {
            "producer": f"packages/layers/test-data/{self.family}/make_{self.family}.py",
            "keras_version": keras.__version__,
            "backend": keras.backend.backend(),
            "format": "as shared/fixtures/layer-vectors/cases.json; vectors include the batch dimension",
            **(extra_meta or {}),
        }
        with open(os.path.join(outdir, "cases.json"), "w") as f:
            json.dump({"_meta": meta, "cases": self.cases}, f, indent=1)
        with open(os.path.join(outdir, self.file), "w") as f:
            json.dump(self.vectors, f)
        print(f"wrote {len(self.cases)} cases to {outdir}")
