import { ValueError } from '@keras-ts/tensor';

/** Keras: "Argument `decay_steps` must be > 0. Received: decay_steps=0". */
export function checkDecaySteps(owner: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0)) {
    throw new ValueError(`${owner}: argument \`${key}\` must be > 0. Received: ${key}=${JSON.stringify(value)}`);
  }
  return value;
}

/** A required numeric option (`initial_learning_rate`, ...). */
export function checkNumber(owner: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${owner}: argument \`${key}\` must be a finite number. Received: ${key}=${JSON.stringify(value)}`);
  }
  return value;
}
