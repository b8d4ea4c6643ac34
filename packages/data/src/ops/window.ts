/**
 * window(size, shift, stride, dropRemainder): groups elements into windows, each a small finite dataset. Window
 * k holds input elements k*shift, k*shift + stride, ..., (size of them; fewer at the end unless dropRemainder).
 */
import { cloneElement, disposeElement, type Element } from '../structure.js';

export interface WindowOptions {
  shift?: number;
  stride?: number;
  dropRemainder?: boolean;
}

export async function* windowGen<W>(
  src: AsyncIterable<Element>,
  size: number,
  opts: Required<WindowOptions>,
  makeWindow: (elements: Element[]) => W,
): AsyncGenerator<W> {
  const { shift, stride, dropRemainder } = opts;
  const span = (size - 1) * stride + 1;
  let buf: Element[] = [];
  let base = 0; // input index of buf[0]
  let start = 0; // input index where the next window starts
  const emit = (end: number): W => {
    const picked: Element[] = [];
    for (let i = start; i < end && picked.length < size; i += stride) picked.push(cloneElement(buf[i - base]!));
    start += shift;
    const drop = Math.min(start - base, buf.length);
    for (let i = 0; i < drop; i++) disposeElement(buf[i]);
    buf = buf.slice(drop);
    base += drop;
    return makeWindow(picked);
  };
  try {
    for await (const el of src) {
      if (base + buf.length < start) {
        disposeElement(el); // an element between windows (shift > span)
        base++;
        continue;
      }
      buf.push(el);
      while (base + buf.length >= start + span && start >= base) yield emit(start + span);
    }
    if (!dropRemainder) while (start < base + buf.length) yield emit(base + buf.length);
  } finally {
    for (const e of buf) disposeElement(e);
  }
}
