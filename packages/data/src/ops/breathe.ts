/**
 * Lets the event loop run now and then. Iterating an in-memory pipeline resolves only microtasks, which would
 * starve timers and I/O (progress bars, workers, servers) for a whole epoch; sources call `breathe()` per
 * element, which yields a macrotask turn when more than `SLICE_MS` passed since the last one.
 */
const SLICE_MS = 25;
let last = Date.now();

export function breathe(): Promise<void> | undefined {
  const now = Date.now();
  if (now - last < SLICE_MS) return undefined;
  return new Promise((resolve) =>
    setImmediate(() => {
      last = Date.now();
      resolve();
    }),
  );
}
