import { defineConfig } from 'vitest/config';

// The HDF5 worker starts (and compiles h5wasm) on first use, which takes seconds on a busy machine.
export default defineConfig({ test: { testTimeout: 30_000 } });
