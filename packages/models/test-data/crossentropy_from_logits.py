# Reference numbers for src/trainer/crossentropy-logits.test.ts: Keras takes the crossentropy of a softmax
# output from its logits (`_keras_logits`), so a confidently wrong sample costs its full logit gap (70 here),
# not the clipped -log(1e-7) = 16.12. Run with the oracle venv (scripts/oracle-venv.sh):
#   .venv/bin/python packages/models/test-data/crossentropy_from_logits.py
# Output with keras 3.15.1 / tensorflow 2.21.0 (the TensorFlow backend, which keeps the logits; on JAX Keras 3
# cannot attach them to its arrays):
#   evaluate 37.8482551574707
#   per-sample [70.         5.6965103]
#   grad kernel [[-0.7508394122123718, 0.5016788244247437, 0.24916058778762817],
#                [-2.498321056365967, 2.9966423511505127, -0.49832117557525635]]
import os

os.environ["KERAS_BACKEND"] = "tensorflow"
import numpy as np
import keras
import tensorflow as tf

x = np.array([[1.0, 2.0], [0.5, -1.0]], dtype="float32")
y = np.array([[1, 0, 0], [0, 1, 0]], dtype="float32")
m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="softmax")])
m.layers[0].set_weights([np.array([[0, 30, 0], [0, 20, 0]], "float32"), np.zeros(3, "float32")])
m.compile(loss="categorical_crossentropy")
print("keras", keras.__version__, "tf", tf.__version__)
print("evaluate", m.evaluate(x, y, verbose=0))
with tf.GradientTape() as t:
    out = m(x)
    loss = keras.losses.categorical_crossentropy(y, out)
print("per-sample", loss.numpy())
print("grad kernel", t.gradient(loss, m.layers[0].kernel).numpy().tolist())
