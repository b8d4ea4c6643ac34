/** Shapes as Keras has them: `null` for an unknown dimension (the batch, usually). */
export type Shape = Array<number | null>;

export function shapeToString(shape: Shape | Shape[] | readonly number[]): string {
  const one = (s: ReadonlyArray<number | null>) => `(${s.map((d) => (d == null ? 'None' : String(d))).join(', ')}${s.length === 1 ? ',' : ''})`;
  if (Array.isArray(shape) && shape.length > 0 && Array.isArray(shape[0])) return `[${(shape as Shape[]).map(one).join(', ')}]`;
  return one(shape as Shape);
}

export function isShapeList(s: Shape | Shape[]): s is Shape[] {
  return Array.isArray(s) && s.length > 0 && Array.isArray(s[0]);
}

/** Product of known dimensions; null when any is unknown. */
export function shapeSize(shape: Shape): number | null {
  let n = 1;
  for (const d of shape) {
    if (d == null) return null;
    n *= d;
  }
  return n;
}

/** Normalizes an int-or-tuple argument (kernel_size=3 → [3, 3]) and validates it. */
export function normalizeTuple(value: number | number[], n: number, name: string, allowZero = false): number[] {
  const list = typeof value === 'number' ? new Array(n).fill(value) : [...value];
  if (list.length !== n || list.some((v) => !Number.isInteger(v) || v < (allowZero ? 0 : 1))) {
    throw new TypeError(
      `The \`${name}\` argument must be a tuple of ${n} ${allowZero ? 'non-negative' : 'positive'} integers. Received: ${JSON.stringify(value)}`,
    );
  }
  return list;
}
