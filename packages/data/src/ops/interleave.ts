/**
 * interleave: tf.data's deterministic interleave. `cycleLength` inputs are open at once; the cycle visits each
 * slot in turn and takes up to `blockLength` elements from it. An exhausted slot is closed and the cycle moves
 * on; when it comes back to an empty slot, the next input is opened there (and read at once).
 */
export interface InterleaveSlot<R> {
  it: AsyncIterator<R>;
  close: () => void;
}

export async function* interleaveGen<T, R>(
  src: AsyncIterable<T>,
  open: (input: T) => InterleaveSlot<R>,
  cycleLength: number,
  blockLength: number,
): AsyncGenerator<R> {
  const inputs = src[Symbol.asyncIterator]();
  const slots: (InterleaveSlot<R> | null)[] = new Array(cycleLength).fill(null);
  let endOfInput = false;
  let numOpen = 0;
  let cycle = 0;
  let block = 0;
  const advance = (): void => {
    cycle = (cycle + 1) % cycleLength;
    block = 0;
  };
  try {
    while (!endOfInput || numOpen > 0) {
      const slot = slots[cycle];
      if (slot) {
        const r = await slot.it.next();
        if (!r.done) {
          if (++block === blockLength) advance();
          yield r.value;
          continue;
        }
        slot.close();
        slots[cycle] = null;
        numOpen--;
        advance();
      } else if (!endOfInput) {
        const r = await inputs.next();
        if (r.done) endOfInput = true;
        else {
          slots[cycle] = open(r.value);
          numOpen++;
        }
      } else advance();
    }
  } finally {
    for (const s of slots) {
      if (s) {
        await s.it.return?.();
        s.close();
      }
    }
    if (!endOfInput) await inputs.return?.();
  }
}
