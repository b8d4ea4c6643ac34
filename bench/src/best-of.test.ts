import { describe, expect, it } from 'vitest';
import { bestOf } from './best-of.js';

describe('bestOf', () => {
  it('keeps the best value of each row, the worst leak and peak, and every run', () => {
    const merged = bestOf([
      { label: 'a', side: 'ours', seconds: 2, rows: [{ name: 'mlp train', unit: 'samples/s', value: 10, peakTensors: 5, leak: 0 }, { name: 'x', unit: 'GFLOP/s', value: null, note: 'skipped' }] },
      { label: 'a', side: 'ours', seconds: 3, rows: [{ name: 'mlp train', unit: 'samples/s', value: 12, peakTensors: 4, leak: 1 }, { name: 'x', unit: 'GFLOP/s', value: null, note: 'skipped' }] },
    ]);
    expect(merged.seconds).toBe(5);
    expect(merged.rows[0]).toMatchObject({ value: 12, peakTensors: 5, leak: 1, runs: [10, 12] });
    expect(merged.rows[1]).toMatchObject({ value: null, note: 'skipped' });
  });

  it('ignores failed runs, and returns the failure when all failed', () => {
    const fail = { label: 'a', side: 'a', rows: [], error: 'exit 1' };
    expect(bestOf([fail, { label: 'a', side: 'ours', rows: [{ name: 'r', unit: 'samples/s' as const, value: 3 }] }]).rows[0]!.value).toBe(3);
    expect(bestOf([fail]).error).toBe('exit 1');
  });
});
