/** `tf.data`: datasets (from @keras-ts/data). */
export {
  Dataset, TextLineDataset, TFRecordDataset, TFRecordWriter, experimental, parseExample, parseSingleExample,
  FixedLenFeature, VarLenFeature, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, AUTOTUNE, TensorSpec,
} from '@keras-ts/data';
