"""Writes reference.json: optimizer trajectories computed by real Keras 3 (JAX backend).

Run from the repository root:
    KERAS_BACKEND=jax .venv/bin/python packages/optimizers/test-data/make_reference.py

Every case starts from the same two variables (`kernel` [2, 3] and `bias` [3]) and applies the same
sequence of gradients (a `null` gradient means the variable gets none that step). After every step the
variable values are recorded; after the last step, the optimizer's full state (`optimizer.variables`, Keras 3
order) is recorded too. Schedules are evaluated at steps 0..15. All numbers are float32 values widened to
float64 for JSON.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import optimizers as O  # noqa: E402
from keras.optimizers import schedules as S  # noqa: E402

STEPS = 6
rng = np.random.default_rng(20260101)
INIT = {
    "kernel": rng.normal(size=(2, 3)).astype("float32"),
    "bias": rng.normal(size=(3,)).astype("float32"),
}
# Gradients of mixed scale so that clipping is active on some steps and not on others.
GRADS = [
    {
        "kernel": (rng.normal(size=(2, 3)) * (0.3 + step)).astype("float32"),
        "bias": (rng.normal(size=(3,)) * 0.5).astype("float32"),
    }
    for step in range(STEPS)
]
# Used by the 'missing gradient' case: no gradient for `bias` on steps 1 and 3.
MISSING = {1: "bias", 3: "bias"}

SCHEDULES = {
    "exponential": lambda: S.ExponentialDecay(0.1, decay_steps=3, decay_rate=0.5),
    "exponential_staircase": lambda: S.ExponentialDecay(0.1, decay_steps=3, decay_rate=0.5, staircase=True),
    "piecewise": lambda: S.PiecewiseConstantDecay(boundaries=[2, 5], values=[0.1, 0.05, 0.01]),
    "polynomial": lambda: S.PolynomialDecay(0.1, decay_steps=4, end_learning_rate=0.01, power=2.0),
    "polynomial_cycle": lambda: S.PolynomialDecay(0.1, decay_steps=4, end_learning_rate=0.01, power=0.5, cycle=True),
    "inverse_time": lambda: S.InverseTimeDecay(0.1, decay_steps=2, decay_rate=0.5),
    "inverse_time_staircase": lambda: S.InverseTimeDecay(0.1, decay_steps=2, decay_rate=0.5, staircase=True),
    "cosine": lambda: S.CosineDecay(0.1, decay_steps=5, alpha=0.1),
    "cosine_warmup": lambda: S.CosineDecay(0.0, decay_steps=5, alpha=0.2, warmup_target=0.1, warmup_steps=3),
    "cosine_restarts": lambda: S.CosineDecayRestarts(0.1, first_decay_steps=2, t_mul=2.0, m_mul=0.8, alpha=0.05),
    "cosine_restarts_t1": lambda: S.CosineDecayRestarts(0.1, first_decay_steps=3, t_mul=1.0, m_mul=0.5),
}

CASES = [
    ("sgd", O.SGD, {"learning_rate": 0.1}),
    ("sgd_momentum", O.SGD, {"learning_rate": 0.1, "momentum": 0.9}),
    ("sgd_nesterov", O.SGD, {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    ("sgd_clipnorm", O.SGD, {"learning_rate": 0.1, "clipnorm": 1.0}),
    ("sgd_global_clipnorm", O.SGD, {"learning_rate": 0.1, "global_clipnorm": 1.5}),
    ("sgd_clipvalue", O.SGD, {"learning_rate": 0.1, "clipvalue": 0.5}),
    ("sgd_weight_decay", O.SGD, {"learning_rate": 0.1, "momentum": 0.5, "weight_decay": 0.05}),
    ("sgd_schedule_cosine_warmup", O.SGD, {"learning_rate": "cosine_warmup", "momentum": 0.9}),
    ("sgd_schedule_piecewise", O.SGD, {"learning_rate": "piecewise"}),
    ("rmsprop", O.RMSprop, {"learning_rate": 0.01}),
    ("rmsprop_momentum", O.RMSprop, {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.5}),
    ("rmsprop_centered", O.RMSprop, {"learning_rate": 0.01, "centered": True}),
    ("rmsprop_schedule_cosine_restarts", O.RMSprop, {"learning_rate": "cosine_restarts", "momentum": 0.2}),
    ("rmsprop_momentum_centered", O.RMSprop, {"learning_rate": 0.01, "momentum": 0.3, "centered": True, "epsilon": 1e-5}),
    ("adam", O.Adam, {"learning_rate": 0.01}),
    ("adam_amsgrad", O.Adam, {"learning_rate": 0.01, "amsgrad": True, "beta_1": 0.8, "beta_2": 0.9}),
    ("adam_clipnorm", O.Adam, {"learning_rate": 0.01, "clipnorm": 0.7}),
    ("adam_global_clipnorm", O.Adam, {"learning_rate": 0.01, "global_clipnorm": 1.0}),
    ("adam_clipvalue", O.Adam, {"learning_rate": 0.01, "clipvalue": 0.3}),
    ("adam_schedule_exponential", O.Adam, {"learning_rate": "exponential_staircase"}),
    ("adam_weight_decay", O.Adam, {"learning_rate": 0.01, "weight_decay": 0.1}),
    ("adam_missing_grad", O.Adam, {"learning_rate": 0.01}),
    ("adam_ema", O.Adam, {"learning_rate": 0.05, "use_ema": True, "ema_momentum": 0.9}),
    ("adam_grad_accum", O.Adam, {"learning_rate": 0.05, "gradient_accumulation_steps": 2}),
    ("nadam_grad_accum_schedule", O.Nadam, {"learning_rate": "exponential", "gradient_accumulation_steps": 3, "clipnorm": 1.0}),
    ("sgd_grad_accum_ema", O.SGD, {
        "learning_rate": 0.1, "momentum": 0.9, "weight_decay": 0.1, "gradient_accumulation_steps": 2,
        "use_ema": True, "ema_momentum": 0.5, "ema_overwrite_frequency": 2,
    }),
    ("sgd_ema_overwrite", O.SGD, {"learning_rate": 0.1, "momentum": 0.5, "use_ema": True, "ema_momentum": 0.8, "ema_overwrite_frequency": 2}),
    ("adamw", O.AdamW, {"learning_rate": 0.01}),
    ("adamw_amsgrad", O.AdamW, {"learning_rate": 0.01, "weight_decay": 0.2, "amsgrad": True}),
    ("adamw_schedule_polynomial", O.AdamW, {"learning_rate": "polynomial_cycle", "weight_decay": 0.1}),
    ("adagrad", O.Adagrad, {"learning_rate": 0.1}),
    ("adagrad_init", O.Adagrad, {"learning_rate": 0.1, "initial_accumulator_value": 0.5, "epsilon": 1e-3}),
    ("adadelta", O.Adadelta, {"learning_rate": 1.0}),
    ("adadelta_rho", O.Adadelta, {"learning_rate": 0.5, "rho": 0.8, "epsilon": 1e-4}),
    ("adamax", O.Adamax, {"learning_rate": 0.01}),
    ("adamax_betas", O.Adamax, {"learning_rate": 0.02, "beta_1": 0.7, "beta_2": 0.9}),
    ("nadam", O.Nadam, {"learning_rate": 0.01}),
    ("nadam_betas", O.Nadam, {"learning_rate": 0.02, "beta_1": 0.8, "beta_2": 0.95, "clipnorm": 1.0}),
    ("ftrl", O.Ftrl, {"learning_rate": 0.1}),
    ("ftrl_regularized", O.Ftrl, {
        "learning_rate": 0.1, "learning_rate_power": -0.6, "initial_accumulator_value": 0.2,
        "l1_regularization_strength": 0.01, "l2_regularization_strength": 0.02,
        "l2_shrinkage_regularization_strength": 0.03, "beta": 0.5,
    }),
    ("ftrl_l1_sparse", O.Ftrl, {"learning_rate": 0.5, "l1_regularization_strength": 0.5, "learning_rate_power": 0.0}),
    ("ftrl_schedule_inverse_time", O.Ftrl, {"learning_rate": "inverse_time", "beta": 0.1}),
]


def f32list(a):
    return np.asarray(a, dtype="float32").astype("float64").ravel().tolist()


def run_case(cls, config, missing):
    kwargs = dict(config)
    if isinstance(kwargs.get("learning_rate"), str):
        kwargs["learning_rate"] = SCHEDULES[kwargs["learning_rate"]]()
    opt = cls(**kwargs)
    kernel = keras.Variable(INIT["kernel"], name="kernel")
    bias = keras.Variable(INIT["bias"], name="bias")
    trajectory = []
    for step in range(STEPS):
        grads = dict(GRADS[step])
        if missing:
            if step in MISSING:
                grads[MISSING[step]] = None
        opt.apply_gradients([(grads["kernel"], kernel), (grads["bias"], bias)])
        trajectory.append({"kernel": f32list(kernel.numpy()), "bias": f32list(bias.numpy())})
    finalized = None
    if kwargs.get("use_ema"):
        opt.finalize_variable_values([kernel, bias])
        finalized = {"kernel": f32list(kernel.numpy()), "bias": f32list(bias.numpy())}
    state = [
        {"path": v.path, "shape": list(v.shape), "dtype": str(v.dtype), "value": np.asarray(v.numpy()).astype("float64").ravel().tolist()}
        for v in opt.variables
    ]
    return trajectory, state, finalized


out = {
    "keras_version": keras.__version__,
    "backend": keras.backend.backend(),
    "steps": STEPS,
    "init": {k: {"shape": list(v.shape), "value": f32list(v)} for k, v in INIT.items()},
    "grads": [
        {k: f32list(v) for k, v in g.items()} for g in GRADS
    ],
    "missing": {str(k): v for k, v in MISSING.items()},
    "cases": [],
    "schedules": {},
    "configs": {},
}
for case_name, cls, config in CASES:
    trajectory, state, finalized = run_case(cls, config, case_name == "adam_missing_grad")
    out["cases"].append({
        "name": case_name,
        "class_name": cls.__name__,
        "config": config,
        "missing_grads": case_name == "adam_missing_grad",
        "trajectory": trajectory,
        "state": state,
        "finalized": finalized,
    })

for name, make in SCHEDULES.items():
    sched = make()
    out["schedules"][name] = {
        "serialized": keras.optimizers.schedules.serialize(sched),
        "values": [float(np.asarray(sched(step), dtype="float32")) for step in range(16)],
    }

for cls in [O.SGD, O.RMSprop, O.Adam, O.AdamW, O.Adagrad, O.Adadelta, O.Adamax, O.Nadam, O.Ftrl]:
    out["configs"][cls.__name__] = keras.optimizers.serialize(cls())

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {path}: {len(out['cases'])} cases, {len(out['schedules'])} schedules")
