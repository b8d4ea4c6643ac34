/** Automatic object names, as Keras: `dense`, `dense_1`, `dense_2`, ... per snake_cased class name. */
const counters = new Map<string, number>();

/** Keras's `to_snake_case`: 'Conv2DTranspose' → 'conv2d_transpose', 'LSTM' → 'lstm'. */
export function toSnakeCase(name: string): string {
  const s = name.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  const out = s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return out.startsWith('_') ? 'private' + out : out;
}

export function uniqueName(base: string): string {
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** Resets automatic names (Keras's `clear_session`). */
export function resetNames(): void {
  counters.clear();
}
