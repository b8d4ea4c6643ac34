/** Shared by the registered formats: suffix tests, overwrite checks, warnings. */
import { existsSync } from 'node:fs';
import { ValueError } from '@keras-ts/tensor';

export const isKerasArchivePath = (p: string): boolean => /\.keras$/i.test(p);
export const isKeras3WeightsPath = (p: string): boolean => /\.weights\.h5$/i.test(p);
export const isH5Path = (p: string): boolean => /\.(h5|hdf5|he5)$/i.test(p);

export function checkOverwrite(path: string, overwrite: unknown): void {
  if (overwrite === false && existsSync(path)) {
    throw new ValueError(`File ${path} already exists and overwrite=false was passed; choose another path or pass overwrite: true.`);
  }
}

export type Warn = (message: string) => void;
export const warnOf = (options: Record<string, unknown>): Warn => (typeof options.warn === 'function' ? (options.warn as Warn) : (m) => console.warn(m));
