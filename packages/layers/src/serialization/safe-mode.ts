/** Safe mode for deserialization (on by default): objects holding code (Lambda) are refused. */
let safe = true;

export function isSafeMode(): boolean {
  return safe;
}

/** Runs `fn` with safe mode set to `value`, restoring the previous setting afterwards. */
export function withSafeMode<T>(value: boolean | undefined, fn: () => T): T {
  if (value === undefined) return fn();
  const prev = safe;
  safe = value;
  try {
    return fn();
  } finally {
    safe = prev;
  }
}
