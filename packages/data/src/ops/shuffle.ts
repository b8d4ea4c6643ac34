/**
 * shuffle(bufferSize): tf.data's algorithm — fill a buffer of `bufferSize` elements, then repeatedly yield a
 * uniformly chosen buffered element and put the next upstream element in its place; at end of input, drain the
 * buffer in random order. A buffer as large as the dataset gives a uniform permutation.
 */
import { disposeElement } from '../structure.js';
import { SeededRandom } from '../random.js';

export async function* shuffleGen<T>(src: AsyncIterable<T>, bufferSize: number, rng: SeededRandom): AsyncGenerator<T> {
  const buf: T[] = [];
  try {
    for await (const el of src) {
      if (buf.length < bufferSize) {
        buf.push(el);
        if (buf.length < bufferSize) continue;
      } else {
        buf.push(el);
      }
      const i = rng.nextInt(buf.length);
      const out = buf[i]!;
      buf[i] = buf[buf.length - 1]!;
      buf.pop();
      yield out;
    }
    while (buf.length > 0) {
      const i = rng.nextInt(buf.length);
      const out = buf[i]!;
      buf[i] = buf[buf.length - 1]!;
      buf.pop();
      yield out;
    }
  } finally {
    for (const e of buf) disposeElement(e);
  }
}
