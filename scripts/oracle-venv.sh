#!/usr/bin/env bash
# Creates .venv with the Python oracles (real Keras 3 on JAX, TensorFlow) used by cross-check tests.
# Installs only from this machine's configured package index; tests that need it skip (saying why) when absent.
set -u
cd "$(dirname "$0")/.."
if [[ -x .venv/bin/python ]] && .venv/bin/python -c 'import keras, jax, h5py, tensorflow' 2>/dev/null; then exit 0; fi
python3 -m venv .venv || exit 1
.venv/bin/pip install --retries 0 --timeout 2 -q keras jax jaxlib h5py tensorflow-cpu tensorboard || exit 1
