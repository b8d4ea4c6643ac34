"""Reference numbers for @keras-ts/losses-metrics, computed by real Keras 3 (JAX backend).

Run: KERAS_BACKEND=jax /work/main/.venv/bin/python packages/losses-metrics/test-data/make_reference.py
Writes reference.json beside this file. Inputs are random but non-trivial (seeded), float32-exact.

Cases avoid the few places where Keras 3 and tf.keras 2.x (our reference semantics) differ:
probabilities stay inside [0.02, 0.98] (tf.keras 2 adds epsilon inside the BCE logs), labels and
predictions have equal ranks (tf.keras 2 squeezes where Keras 3 expands), and masked metrics get
sample weights (Keras 3 ignores a mask when no sample_weight is given). Those differences are unit-tested
separately in the TypeScript tests.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

rng = np.random.default_rng(20251125)
F = np.float32


def arr(x):
    x = np.asarray(x)
    return {"shape": list(x.shape), "data": [float(v) for v in np.asarray(x, dtype=np.float64).ravel()]}


def probs(*shape):
    z = rng.normal(size=shape) * 1.5
    e = np.exp(z - z.max(-1, keepdims=True))
    p = e / e.sum(-1, keepdims=True)
    p = np.clip(p, 0.02, 0.98)
    return (p / p.sum(-1, keepdims=True)).astype(F)


def onehot(n, c, lead=()):
    idx = rng.integers(0, c, size=(*lead, n) if lead else (n,))
    return np.eye(c, dtype=F)[idx], idx.astype(F)


def binary(*shape):
    return rng.integers(0, 2, size=shape).astype(F)


def unit(*shape, lo=0.02, hi=0.98):
    return rng.uniform(lo, hi, size=shape).astype(F)


def normal(*shape, scale=1.0):
    return (rng.normal(size=shape) * scale).astype(F)


def weights(*shape):
    return rng.uniform(0.1, 2.0, size=shape).astype(F)


def clean(config):
    return {k: (np.asarray(v).tolist() if hasattr(v, "shape") else v) for k, v in config.items()}


def to_np(x):
    return np.asarray(x, dtype=np.float64)


loss_cases = []
fn_cases = []
metric_cases = []


def add_loss(case_id, cls, kwargs, yt, yp, sw=None):
    loss = getattr(keras.losses, cls)(**kwargs)
    out = loss(yt, yp, sample_weight=sw)
    per = loss.call(yt, yp)
    config = clean({**loss.get_config(), **kwargs})
    loss_cases.append({
        "id": case_id,
        "class_name": cls,
        "config": config,
        "keras3_config": clean(loss.get_config()),
        "y_true": arr(yt),
        "y_pred": arr(yp),
        "sample_weight": None if sw is None else arr(sw),
        "expected": arr(to_np(out)),
        "per_sample": arr(to_np(per)),
    })


def add_fn(name, yt, yp):
    out = getattr(keras.losses, name)(yt, yp)
    fn_cases.append({"name": name, "y_true": arr(yt), "y_pred": arr(yp), "expected": arr(to_np(out))})


def add_metric(case_id, cls, kwargs, batches, after_reset, values_only=False):
    m = getattr(keras.metrics, cls)(**kwargs)
    steps = []
    for b in batches:
        if values_only:
            m.update_state(b["values"], sample_weight=b.get("sw"))
        else:
            m.update_state(b["yt"], b["yp"], sample_weight=b.get("sw"))
        steps.append(arr(to_np(m.result())))
    m.reset_state()
    b = after_reset
    if values_only:
        m.update_state(b["values"], sample_weight=b.get("sw"))
    else:
        m.update_state(b["yt"], b["yp"], sample_weight=b.get("sw"))
    enc = lambda b: {k: arr(v) for k, v in b.items()}  # noqa: E731
    metric_cases.append({
        "id": case_id,
        "class_name": cls,
        "config": clean({**m.get_config(), **kwargs}),
        "keras3_config": clean(m.get_config()),
        "values_only": values_only,
        "batches": [enc(b) for b in batches],
        "results": steps,
        "after_reset": enc(after_reset),
        "after_reset_result": arr(to_np(m.result())),
    })


REDUCTIONS = ["sum_over_batch_size", "sum", "none", "mean", "mean_with_sample_weight"]

# --- losses -----------------------------------------------------------------------------------------
B, C = 6, 4
for red in REDUCTIONS:
    yt, _ = onehot(B, C)
    yp = probs(B, C)
    add_loss(f"cce_{red}", "CategoricalCrossentropy", {"reduction": red}, yt, yp)
    add_loss(f"cce_{red}_sw", "CategoricalCrossentropy", {"reduction": red}, yt, yp, weights(B))
    yt, yp = normal(B, 3), normal(B, 3)
    add_loss(f"mse_{red}_sw", "MeanSquaredError", {"reduction": red}, yt, yp, weights(B))

for ls in [0.0, 0.1, 0.3]:
    for logits in [False, True]:
        yt, _ = onehot(B, C)
        yp = normal(B, C, scale=2) if logits else probs(B, C)
        add_loss(f"cce_ls{ls}_logits{logits}", "CategoricalCrossentropy", {"from_logits": logits, "label_smoothing": ls}, yt, yp, weights(B))
        yt = binary(B, 3)
        yp = normal(B, 3, scale=2) if logits else unit(B, 3)
        add_loss(f"bce_ls{ls}_logits{logits}", "BinaryCrossentropy", {"from_logits": logits, "label_smoothing": ls}, yt, yp, weights(B))
        add_loss(f"bfce_ls{ls}_logits{logits}", "BinaryFocalCrossentropy", {"from_logits": logits, "label_smoothing": ls, "gamma": 1.5}, yt, yp, weights(B))
        add_loss(f"bfce_bal_ls{ls}_logits{logits}", "BinaryFocalCrossentropy", {"from_logits": logits, "label_smoothing": ls, "apply_class_balancing": True, "alpha": 0.4}, yt, yp)

for ls in [0.0, 0.2]:
    for logits in [False, True]:
        yt, _ = onehot(B, C)
        yp = normal(B, C, scale=2) if logits else probs(B, C)
        add_loss(f"cfce_ls{ls}_logits{logits}", "CategoricalFocalCrossentropy", {"from_logits": logits, "label_smoothing": ls, "alpha": 0.3, "gamma": 1.5}, yt, yp, weights(B))

for logits in [False, True]:
    _, idx = onehot(B, C)
    yp = normal(B, C, scale=2) if logits else probs(B, C)
    add_loss(f"scce_logits{logits}", "SparseCategoricalCrossentropy", {"from_logits": logits}, idx, yp, weights(B))
    add_loss(f"scce_col_logits{logits}", "SparseCategoricalCrossentropy", {"from_logits": logits}, idx[:, None], yp)
# Sequences: per-timestep losses with per-timestep weights.
_, idx = onehot(5, C, lead=(3,))
yp = probs(3, 5, C)
add_loss("scce_seq", "SparseCategoricalCrossentropy", {}, idx, yp, weights(3, 5))
idx_ign = idx.copy()
idx_ign[0, 1] = idx_ign[2, 3] = idx_ign[1, 0] = -1
add_loss("scce_ignore", "SparseCategoricalCrossentropy", {"ignore_class": -1}, idx_ign, yp)
add_loss("scce_ignore_sum", "SparseCategoricalCrossentropy", {"ignore_class": -1, "reduction": "sum"}, idx_ign, yp, weights(3, 5))
yt3, _ = onehot(5, C, lead=(3,))
add_loss("cce_seq", "CategoricalCrossentropy", {}, yt3, probs(3, 5, C), weights(3, 5))
add_loss("cce_axis0", "CategoricalCrossentropy", {"axis": 0}, onehot(C, B)[0].T.copy(), probs(C, B).T.copy())

yt, yp = normal(B, 5), normal(B, 5)
add_loss("mae", "MeanAbsoluteError", {}, yt, yp, weights(B))
add_loss("mape", "MeanAbsolutePercentageError", {}, (normal(B, 5) + np.sign(normal(B, 5)) * 0.5).astype(F), yp, weights(B))
add_loss("msle", "MeanSquaredLogarithmicError", {}, unit(B, 5, lo=0, hi=3), unit(B, 5, lo=0, hi=3), weights(B))
add_loss("huber", "Huber", {}, yt, normal(B, 5, scale=2))
add_loss("huber_d0.5", "Huber", {"delta": 0.5}, yt, normal(B, 5, scale=2), weights(B))
add_loss("logcosh", "LogCosh", {}, yt, normal(B, 5, scale=3), weights(B))
add_loss("cosine", "CosineSimilarity", {}, yt, yp, weights(B))
add_loss("cosine_axis0", "CosineSimilarity", {"axis": 0, "reduction": "none"}, yt, yp)
add_loss("kld", "KLDivergence", {}, probs(B, C), probs(B, C), weights(B))
add_loss("poisson", "Poisson", {}, unit(B, 5, lo=0, hi=4), unit(B, 5, lo=0.1, hi=4), weights(B))
add_loss("hinge_pm1", "Hinge", {}, (binary(B, 3) * 2 - 1).astype(F), normal(B, 3), weights(B))
add_loss("hinge_01", "Hinge", {}, binary(B, 3), normal(B, 3))
add_loss("squared_hinge_01", "SquaredHinge", {}, binary(B, 3), normal(B, 3), weights(B))
add_loss("squared_hinge_pm1", "SquaredHinge", {}, (binary(B, 3) * 2 - 1).astype(F), normal(B, 3))
add_loss("categorical_hinge", "CategoricalHinge", {}, onehot(B, C)[0], normal(B, C), weights(B))
add_loss("mse_3d", "MeanSquaredError", {"reduction": "none"}, normal(2, 3, 4), normal(2, 3, 4))
add_loss("mse_3d_sw2d", "MeanSquaredError", {}, normal(2, 3, 4), normal(2, 3, 4), weights(2, 3))

# --- loss functions -----------------------------------------------------------------------------------
yt, yp = normal(B, 5), normal(B, 5)
for name in ["mean_squared_error", "mean_absolute_error", "huber", "log_cosh", "cosine_similarity"]:
    add_fn(name, yt, yp)
add_fn("mean_absolute_percentage_error", (normal(B, 5) + 0.5).astype(F), yp)
add_fn("mean_squared_logarithmic_error", unit(B, 5, lo=0, hi=3), unit(B, 5, lo=0, hi=3))
add_fn("poisson", unit(B, 5, lo=0, hi=3), unit(B, 5, lo=0.1, hi=3))
add_fn("kl_divergence", probs(B, C), probs(B, C))
add_fn("categorical_crossentropy", onehot(B, C)[0], probs(B, C))
add_fn("categorical_focal_crossentropy", onehot(B, C)[0], probs(B, C))
add_fn("sparse_categorical_crossentropy", onehot(B, C)[1], probs(B, C))
add_fn("binary_crossentropy", binary(B, 3), unit(B, 3))
add_fn("binary_focal_crossentropy", binary(B, 3), unit(B, 3))
add_fn("hinge", binary(B, 3), normal(B, 3))
add_fn("squared_hinge", binary(B, 3), normal(B, 3))
add_fn("categorical_hinge", onehot(B, C)[0], normal(B, C))

# --- metrics ----------------------------------------------------------------------------------------


def batches(make, n=3, weighted=(False, True, True), reset_weighted=False):
    out = []
    for i in range(n):
        yt, yp, *rest = make()
        b = {"yt": yt, "yp": yp}
        if weighted[i % len(weighted)]:
            b["sw"] = rest[0] if rest else weights(yt.shape[0])
        out.append(b)
    last = make()
    reset = dict(zip(["yt", "yp"], last[:2]))
    if reset_weighted:
        reset["sw"] = last[2]
    return out, reset


def mk_cat():
    yt, _ = onehot(8, 5)
    return yt, probs(8, 5)


def mk_sparse():
    _, idx = onehot(8, 5)
    return idx, probs(8, 5)


def mk_sparse_col():
    _, idx = onehot(8, 5)
    return idx[:, None], probs(8, 5)


def mk_bin():
    return binary(8, 3), unit(8, 3, lo=0.0, hi=1.0)


def mk_bin1():
    return binary(10, 1), unit(10, 1, lo=0.0, hi=1.0)


def mk_reg():
    return normal(8, 4), normal(8, 4)


def mk_pos():
    return unit(8, 4, lo=0, hi=3), unit(8, 4, lo=0.1, hi=3)


def mk_probs():
    return probs(8, 4), probs(8, 4)


def mk_logits_bin():
    return binary(8, 3), normal(8, 3, scale=2)


def mk_exact():
    yt = rng.integers(0, 3, size=(8, 2)).astype(F)
    yp = np.where(rng.uniform(size=(8, 2)) < 0.6, yt, rng.integers(0, 3, size=(8, 2))).astype(F)
    return yt, yp


def mk_multi():
    return binary(12, 3), unit(12, 3, lo=0.0, hi=1.0)


def mk_pm1():
    return (binary(8, 3) * 2 - 1).astype(F), normal(8, 3)


specs = [
    ("accuracy", "Accuracy", {}, mk_exact),
    ("binary_accuracy", "BinaryAccuracy", {}, mk_bin),
    ("binary_accuracy_t0.7", "BinaryAccuracy", {"threshold": 0.7}, mk_bin1),
    ("categorical_accuracy", "CategoricalAccuracy", {}, mk_cat),
    ("sparse_categorical_accuracy", "SparseCategoricalAccuracy", {}, mk_sparse),
    ("sparse_categorical_accuracy_col", "SparseCategoricalAccuracy", {}, mk_sparse_col),
    ("top_k", "TopKCategoricalAccuracy", {"k": 2}, mk_cat),
    ("sparse_top_k", "SparseTopKCategoricalAccuracy", {"k": 3}, mk_sparse),
    ("sparse_top_k_col", "SparseTopKCategoricalAccuracy", {"k": 2}, mk_sparse_col),
    ("auc_roc", "AUC", {}, mk_bin),
    ("auc_pr", "AUC", {"curve": "PR"}, mk_bin),
    ("auc_roc_minoring_50", "AUC", {"num_thresholds": 50, "summation_method": "minoring"}, mk_bin1),
    ("auc_pr_majoring", "AUC", {"curve": "PR", "summation_method": "majoring"}, mk_bin),
    ("auc_thresholds", "AUC", {"thresholds": [0.1, 0.35, 0.5, 0.62, 0.9]}, mk_bin),
    ("auc_pr_thresholds", "AUC", {"curve": "PR", "thresholds": [0.1, 0.35, 0.5, 0.62, 0.9]}, mk_bin),
    ("auc_multi", "AUC", {"multi_label": True}, mk_multi),
    ("auc_multi_pr_lw", "AUC", {"multi_label": True, "curve": "PR", "label_weights": [0.5, 1.0, 2.0]}, mk_multi),
    ("auc_label_weights", "AUC", {"label_weights": [0.5, 1.0, 2.0]}, mk_multi),
    ("auc_logits", "AUC", {"from_logits": True, "num_thresholds": 100}, mk_logits_bin),
    ("precision", "Precision", {}, mk_bin),
    ("precision_thresholds", "Precision", {"thresholds": [0.2, 0.5, 0.8]}, mk_bin),
    ("precision_top_k", "Precision", {"top_k": 2}, mk_multi),
    ("precision_class_id", "Precision", {"class_id": 1, "thresholds": 0.4}, mk_multi),
    ("recall", "Recall", {}, mk_bin),
    ("recall_thresholds", "Recall", {"thresholds": [0.0, 0.25, 0.5, 0.75, 1.0]}, mk_bin),
    ("recall_top_k_class", "Recall", {"top_k": 1, "class_id": 2}, mk_multi),
    ("tp", "TruePositives", {}, mk_bin),
    ("fp", "FalsePositives", {"thresholds": [0.3, 0.6]}, mk_bin),
    ("tn", "TrueNegatives", {}, mk_bin),
    ("fn", "FalseNegatives", {"thresholds": [0.15, 0.5, 0.85]}, mk_bin),
    ("mse", "MeanSquaredError", {}, mk_reg),
    ("mae", "MeanAbsoluteError", {}, mk_reg),
    ("mape", "MeanAbsolutePercentageError", {}, mk_pos),
    ("msle", "MeanSquaredLogarithmicError", {}, mk_pos),
    ("rmse", "RootMeanSquaredError", {}, mk_reg),
    ("cosine", "CosineSimilarity", {}, mk_reg),
    ("logcosh", "LogCoshError", {}, mk_reg),
    ("hinge", "Hinge", {}, mk_pm1),
    ("squared_hinge", "SquaredHinge", {}, mk_bin),
    ("categorical_hinge", "CategoricalHinge", {}, mk_cat),
    ("bce", "BinaryCrossentropy", {}, lambda: (binary(8, 3), unit(8, 3))),
    ("bce_logits_ls", "BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.2}, mk_logits_bin),
    ("cce", "CategoricalCrossentropy", {}, mk_cat),
    ("cce_ls", "CategoricalCrossentropy", {"label_smoothing": 0.1}, mk_cat),
    ("scce", "SparseCategoricalCrossentropy", {}, mk_sparse),
    ("scce_logits", "SparseCategoricalCrossentropy", {"from_logits": True}, lambda: (onehot(8, 5)[1], normal(8, 5, scale=2))),
    ("kld", "KLDivergence", {}, mk_probs),
    ("poisson", "Poisson", {}, mk_pos),
]
for case_id, cls, kwargs, make in specs:
    bs, ar = batches(make)
    add_metric(case_id, cls, kwargs, bs, ar)


def mk_ignore():
    _, idx = onehot(5, 4, lead=(2,))
    idx[0, rng.integers(0, 5)] = -1
    idx[1, rng.integers(0, 5)] = -1
    return idx, probs(2, 5, 4), weights(2, 5)


bs, ar = batches(mk_ignore, weighted=(True,), reset_weighted=True)
add_metric("scce_ignore_weighted", "SparseCategoricalCrossentropy", {"ignore_class": -1}, bs, ar)

# Mean / Sum over raw values. Keras 3's Mean first averages each sample's values (so a [4, 3] batch counts
# 4, or sum(w)), tf.keras 2 counts every element (12, or sum of the broadcast weights): Mean batches of
# different ranks are therefore tested by hand in the TypeScript tests; Sum agrees for all shapes.
vals = [
    {"values": normal(6)},
    {"values": normal(6), "sw": weights(6)},
    {"values": normal(4, 3), "sw": weights(4)},
    {"values": normal(4, 3), "sw": weights(4, 3)},
]
add_metric("mean", "Mean", {}, vals[:2] + [{"values": normal(7), "sw": weights(7)}], {"values": normal(5), "sw": weights(5)}, values_only=True)
add_metric("sum", "Sum", {}, vals, {"values": normal(5), "sw": weights(5)}, values_only=True)

out = {
    "generator": "packages/losses-metrics/test-data/make_reference.py",
    "keras_version": keras.__version__,
    "backend": keras.backend.backend(),
    "losses": loss_cases,
    "loss_functions": fn_cases,
    "metrics": metric_cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(f"wrote {path}: {len(loss_cases)} loss cases, {len(fn_cases)} function cases, {len(metric_cases)} metric cases")
