/** tf.data's cardinality constants (`tf.data.INFINITE_CARDINALITY`, `tf.data.UNKNOWN_CARDINALITY`). */
export const INFINITE_CARDINALITY = -1;
export const UNKNOWN_CARDINALITY = -2;
/** `tf.data.AUTOTUNE`: let the pipeline pick a buffer size or parallelism. */
export const AUTOTUNE = -1;

/** A cardinality as text, for error messages. */
export function describeCardinality(n: number): string {
  if (n === INFINITE_CARDINALITY) return 'infinite';
  if (n === UNKNOWN_CARDINALITY) return 'unknown';
  return String(n);
}
