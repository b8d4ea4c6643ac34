/** `keras.backend`. */
import { resetNames } from '@keras-ts/layers';

/** Resets automatic layer names (`dense`, `dense_1`, ...), as Keras's `clear_session`. */
export function clearSession(): void {
  resetNames();
}
export { getBackend as backend } from '@keras-ts/tensor';
