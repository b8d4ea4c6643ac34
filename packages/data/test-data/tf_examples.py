"""TensorFlow side of the TFRecord/tf.train.Example cross-checks for @keras-ts/data.

  python tf_examples.py --write OUT_DIR
      writes OUT_DIR/tf_examples.tfrecord, tf_examples.tfrecord.gz, tf_examples.zlib and tf_examples.json
      (the values written)
  python tf_examples.py --spec SPEC_JSON --read FILE:COMPRESSION [--read ...]
      prints JSON: per file, the examples parsed by tf.data.TFRecordDataset + tf.io.parse_single_example
  (both at once in one run, to pay TensorFlow's import once)

Run with the oracle venv (TensorFlow 2.21). The committed files in this folder were made by `write .`.
"""
import base64
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402


def examples():
    """Every feature kind, with edge values: negative/fractional floats, int32 extremes, binary and empty bytes."""
    out = []
    for i in range(5):
        out.append({
            "dense_float": [i * 0.5 - 1.25, 3.0e7 + i, -1e-5 * i],
            "dense_int": [i - 2, 2147483647 - i, -2147483648 + i],
            "dense_bytes": [f"row-{i}".encode(), bytes([0, 255, i, 128])],
            "var_float": [float(j) / 3 for j in range(i)],
            "var_int": list(range(-i, i, 2)),
            "var_bytes": [b"x" * j for j in range(i % 3)],
            "label": [i % 2],
        })
    return out


def to_feature(key, values):
    if key.endswith("float"):
        return tf.train.Feature(float_list=tf.train.FloatList(value=values))
    if key.endswith("bytes"):
        return tf.train.Feature(bytes_list=tf.train.BytesList(value=values))
    return tf.train.Feature(int64_list=tf.train.Int64List(value=values))


def jsonable(ex):
    return {k: ([base64.b64encode(v).decode() for v in vals] if k.endswith("bytes") else vals) for k, vals in ex.items()}


def write(out_dir):
    exs = examples()
    for name, comp in [("tf_examples.tfrecord", None), ("tf_examples.tfrecord.gz", "GZIP"), ("tf_examples.zlib", "ZLIB")]:
        with tf.io.TFRecordWriter(os.path.join(out_dir, name), options=comp) as w:
            for ex in exs:
                proto = tf.train.Example(features=tf.train.Features(feature={k: to_feature(k, v) for k, v in ex.items()}))
                w.write(proto.SerializeToString())
    with open(os.path.join(out_dir, "tf_examples.json"), "w") as f:
        json.dump({"tensorflow": tf.__version__, "examples": [jsonable(e) for e in exs]}, f, indent=1)
        f.write("\n")


def read(path, compression, spec_json):
    """The examples of one TFRecord file, parsed with the given spec, as JSON-able rows."""
    dtypes = {"float32": tf.float32, "int64": tf.int64, "string": tf.string}
    spec = {}
    for k, s in json.loads(spec_json).items():
        if s["kind"] == "fixed":
            spec[k] = tf.io.FixedLenFeature(s["shape"], dtypes[s["dtype"]])
        else:
            spec[k] = tf.io.VarLenFeature(dtypes[s["dtype"]])
    out = []
    for rec in tf.data.TFRecordDataset(path, compression_type=compression or None):
        parsed = tf.io.parse_single_example(rec, spec)
        row = {}
        for k, v in parsed.items():
            if isinstance(v, tf.SparseTensor):
                v = v.values
            arr = v.numpy()
            if arr.dtype == object:
                row[k] = [base64.b64encode(b).decode() for b in arr.reshape(-1)]
            else:
                row[k] = arr.reshape(-1).tolist()
        out.append(row)
    return out


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--write")
    ap.add_argument("--spec")
    ap.add_argument("--read", action="append", default=[])
    args = ap.parse_args()
    if args.write:
        write(args.write)
    if args.read:
        results = []
        for item in args.read:
            path, _, comp = item.rpartition(":")
            results.append(read(path, comp, args.spec))
        print(json.dumps(results))
