/** Shared by callbacks that watch a logged quantity: which direction is an improvement. */
export type MonitorMode = 'auto' | 'min' | 'max';

export function improvementOp(monitor: string, mode: MonitorMode): (a: number, b: number) => boolean {
  const max = mode === 'max' || (mode === 'auto' && /acc|auc|precision|recall|^fmeasure/.test(monitor));
  return max ? (a, b) => a > b : (a, b) => a < b;
}
