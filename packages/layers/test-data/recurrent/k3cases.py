"""Helper for the make_<family>.py scripts: builds functional Keras 3 models from layer specs, sets random
non-zero weights, runs them on random inputs (batch >= 2) and writes `cases.json` + `<family>.json` in the
layer-vectors format (shapes in `inputs` exclude the batch; vector data includes it)."""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402


def arr(x):
    x = np.asarray(x, dtype=np.float64)
    return {"data": [round(float(v), 7) for v in x.reshape(-1)], "shape": list(x.shape)}


class CaseWriter:
    def __init__(self, family, seed=1234):
        self.family = family
        self.rng = np.random.default_rng(seed)
        self.cases = {}
        self.vectors = {}

    def floats(self, shape, scale=1.0):
        return (self.rng.uniform(-1.0, 1.0, size=shape) * scale).astype("float32")

    def ids(self, shape, vocab, pad_rows=()):
        """Integer ids in [1, vocab); `pad_rows` maps a row to (start, stop) set to 0 (padding)."""
        x = self.rng.integers(1, vocab, size=shape).astype("int32")
        for row, (a, b) in pad_rows:
            x[row, a:b] = 0
        return x

    def add(self, key, title, inputs, layers, outputs, training=False):
        """inputs: [(name, ndarray, dtype)]; layers: [(name, layer, inbound names, call_kwargs)];
        outputs: refs like 'l1' or 'l1:1' (one case is written per output ref, key suffixed when several)."""
        sym = {}
        for name, data, dtype in inputs:
            sym[name] = keras.Input(shape=data.shape[1:], batch_size=None, dtype=dtype, name=name)

        def pick(ref, table):
            if ":" in ref:
                n, i = ref.rsplit(":", 1)
                return table[n][int(i)]
            return table[ref]

        specs = []
        for name, layer, inbound, kwargs in layers:
            ins = [pick(r, sym) for r in inbound]
            args = ins[0] if len(ins) == 1 else ins
            if kwargs.get("_initial_state"):
                out = layer(ins[0], initial_state=ins[1:])
            elif isinstance(layer, keras.layers.MultiHeadAttention):
                out = layer(*ins, **kwargs)
            else:
                out = layer(args, **kwargs)
            sym[name] = out
            ck = {k: v for k, v in kwargs.items() if not k.startswith("_")}
            spec = {"name": name, "class_name": layer.__class__.__name__, "config": layer.get_config(), "inbound": inbound}
            if ck:
                spec["call_kwargs"] = ck
            specs.append((spec, layer))
        # random non-zero weights, layer by layer in call order
        weights = []
        for spec, layer in specs:
            ws = [self.floats(w.shape, 0.6) for w in layer.get_weights()]
            if ws:
                layer.set_weights(ws)
            weights += ws
        model = keras.Model([sym[n] for n, _, _ in inputs], [pick(r, sym) for r in outputs])
        feeds = [d for _, d, _ in inputs]
        res = model(feeds, training=training)
        if not isinstance(res, (list, tuple)):
            res = [res]
        for i, ref in enumerate(outputs):
            k = key if len(outputs) == 1 else f"{key}.out{i}"
            self.cases[k] = {
                "file": f"{self.family}.json",
                "title": title + ("" if len(outputs) == 1 else f" (output {ref})"),
                "inputs": [{"name": n, "shape": list(d.shape[1:])} for n, d, _ in inputs],
                "layers": [s for s, _ in specs],
                "outputs": [ref],
            }
            if training:
                self.cases[k]["training"] = True
            self.vectors[k] = {
                "inputs": [arr(d) for d in feeds],
                "weights": [arr(w) for w in weights],
                "expected": arr(np.asarray(res[i])),
            }

    def write(self, directory):
        meta = {"producer": f"make_{self.family}.py", "keras": keras.__version__, "backend": keras.backend.backend(),
                "note": "Shapes in inputs exclude the batch; vectors include it. Weights in layer call order, get_weights() order."}
        with open(os.path.join(directory, "cases.json"), "w") as f:
            json.dump({"_meta": meta, "cases": self.cases}, f, indent=1)
        with open(os.path.join(directory, f"{self.family}.json"), "w") as f:
            json.dump(self.vectors, f)
        print(f"wrote {len(self.cases)} cases to {directory}")
