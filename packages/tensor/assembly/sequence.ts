// Whole recurrent sequences, for batch rows [r0, r1) only: every row's recurrence is independent of the others,
// so threads split a sequence by rows and each runs all of its steps (one job per sequence, not one per step).
// Buffers are time-major ([steps, batch, ...]) float32 at byte offsets into the heap; every step does exactly
// what the single-threaded loop did (the same operations in the same order: the same bits).
//
// `mask` (0: none) is float32 [T, B] in processing order: at a step whose mask is 0 for a row, that row's states
// carry over unchanged (Keras's masking), and backward its state gradients pass through the step untouched.

import { gemm } from './gemm';
import { addInto, lstmCell, lstmCellGrad } from './lstm';
import { gruCell, gruCellGrad } from './gru';

@inline
function at(base: usize, row: i32, width: i32): usize {
  return base + ((<usize>row * <usize>width) << 2);
}

/** Whether row r of step s is masked out (`mask` not 0). */
@inline
function skipped(mask: usize, s: i32, batch: i32, r: i32): bool {
  return load<f32>(at(mask, s * batch + r, 1)) == 0;
}

/** Copies `width` floats of row r from `src` to `dst` ([rows, width] buffers). */
@inline
function copyRow(src: usize, dst: usize, r: i32, width: i32): void {
  memory.copy(at(dst, r, width), at(src, r, width), (<usize>width) << 2);
}

/**
 * LSTM forward. x [T, B, 4u] (input projections in processing order), u [u, 4u]; h, c [T+1, B, u] with step 0
 * filled; acts [T, B, 5u]; z [B, 4u] scratch. Fills h, c (steps 1..T) and acts.
 */
export function lstmSequenceRows(
  x: usize, u: usize, h: usize, c: usize, acts: usize, z: usize, mask: usize, batch: i32, units: i32, steps: i32, r0: i32, r1: i32,
): void {
  const rows = r1 - r0, g = 4 * units;
  for (let s = 0; s < steps; s++) {
    const hs = at(h, s * batch, units), cs = at(c, s * batch, units);
    gemm(hs, u, z, batch, g, units, units, 1, g, 0, false, r0, r1);
    addInto(at(z, r0, g), at(x, s * batch + r0, g), at(z, r0, g), rows * g);
    lstmCell(at(z, r0, g), at(cs, r0, units), at(h, (s + 1) * batch + r0, units), at(c, (s + 1) * batch + r0, units),
      at(acts, s * batch + r0, 5 * units), rows, units);
    if (mask != 0) {
      for (let r = r0; r < r1; r++) {
        if (!skipped(mask, s, batch, r)) continue;
        copyRow(hs, at(h, (s + 1) * batch, units), r, units);
        copyRow(cs, at(c, (s + 1) * batch, units), r, units);
      }
    }
  }
}

/**
 * LSTM backward. dy [T+2, B, u] (every output's gradient, then the last h's and c's), uT [4u, u], c [T+1, B, u],
 * acts [T, B, 5u] -> dz [T, B, 4u]. dh [B, u] scratch; dhNext [B, u] starts as the last h's gradient and ends as
 * h0's; dc [B, u] starts as the last c's gradient, and c0's ends in dc after an even number of steps, else in
 * dcPrev.
 */
export function lstmSequenceGradRows(
  dy: usize, uT: usize, c: usize, acts: usize, dz: usize, dh: usize, dhNext: usize, dc: usize, dcPrev: usize, mask: usize,
  batch: i32, units: i32, steps: i32, r0: i32, r1: i32,
): void {
  const rows = r1 - r0, g = 4 * units;
  let pc = dc, pp = dcPrev;
  for (let s = steps - 1; s >= 0; s--) {
    addInto(at(dh, r0, units), at(dy, s * batch + r0, units), at(dhNext, r0, units), rows * units);
    lstmCellGrad(at(dh, r0, units), at(pc, r0, units), at(c, s * batch + r0, units), at(acts, s * batch + r0, 5 * units),
      at(dz, s * batch + r0, g), at(pp, r0, units), rows, units);
    if (mask != 0) {
      for (let r = r0; r < r1; r++) {
        if (!skipped(mask, s, batch, r)) continue;
        memory.fill(at(dz, s * batch + r, g), 0, (<usize>g) << 2);
        copyRow(pc, pp, r, units);
      }
    }
    const t = pc; pc = pp; pp = t;
    gemm(at(dz, s * batch, g), uT, dhNext, batch, units, g, g, 1, units, 0, false, r0, r1);
    if (mask != 0) for (let r = r0; r < r1; r++) if (skipped(mask, s, batch, r)) copyRow(dh, dhNext, r, units);
  }
}

/**
 * GRU forward (reset gate after the recurrent product). x [T, B, 3u], u [u, 3u], rb [3u] (0: none);
 * h [T+1, B, u] with step 0 filled; acts [T, B, 4u]; inner [B, 3u] scratch. Fills h (steps 1..T) and acts.
 */
export function gruSequenceRows(
  x: usize, u: usize, rb: usize, h: usize, acts: usize, inner: usize, mask: usize, batch: i32, units: i32, steps: i32, r0: i32, r1: i32,
): void {
  const rows = r1 - r0, g = 3 * units;
  for (let s = 0; s < steps; s++) {
    gemm(at(h, s * batch, units), u, inner, batch, g, units, units, 1, g, rb, false, r0, r1);
    gruCell(at(x, s * batch + r0, g), at(inner, r0, g), at(h, s * batch + r0, units), at(h, (s + 1) * batch + r0, units),
      at(acts, s * batch + r0, 4 * units), rows, units);
    if (mask != 0) {
      for (let r = r0; r < r1; r++) if (skipped(mask, s, batch, r)) copyRow(at(h, s * batch, units), at(h, (s + 1) * batch, units), r, units);
    }
  }
}

/**
 * GRU backward. dy [T, B, u], uT [3u, u], h [T+1, B, u], acts [T, B, 4u] -> dx [T, B, 3u] (input projections'
 * gradients), dInner [T, B, 3u] (the recurrent products'). dh, dhDirect, back [B, u] scratch; dhNext [B, u]
 * starts at zero and ends as h0's gradient.
 */
export function gruSequenceGradRows(
  dy: usize, uT: usize, h: usize, acts: usize, dx: usize, dInner: usize, dh: usize, dhDirect: usize, back: usize,
  dhNext: usize, mask: usize, batch: i32, units: i32, steps: i32, r0: i32, r1: i32,
): void {
  const rows = r1 - r0, g = 3 * units;
  for (let s = steps - 1; s >= 0; s--) {
    addInto(at(dh, r0, units), at(dy, s * batch + r0, units), at(dhNext, r0, units), rows * units);
    gruCellGrad(at(dh, r0, units), at(h, s * batch + r0, units), at(acts, s * batch + r0, 4 * units),
      at(dx, s * batch + r0, g), at(dInner, s * batch + r0, g), at(dhDirect, r0, units), rows, units);
    if (mask != 0) {
      for (let r = r0; r < r1; r++) {
        if (!skipped(mask, s, batch, r)) continue;
        memory.fill(at(dx, s * batch + r, g), 0, (<usize>g) << 2);
        memory.fill(at(dInner, s * batch + r, g), 0, (<usize>g) << 2);
        copyRow(dh, dhDirect, r, units);
      }
    }
    gemm(at(dInner, s * batch, g), uT, back, batch, units, g, g, 1, units, 0, false, r0, r1);
    addInto(at(dhNext, r0, units), at(dhDirect, r0, units), at(back, r0, units), rows * units);
  }
}
