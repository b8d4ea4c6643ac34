/**
 * keras-ts: the Keras API in TypeScript.
 *
 *   import { keras, tf } from 'keras-ts';
 *   await tf.ready();
 *   const model = new keras.Sequential([new keras.layers.Dense(10, { activation: 'softmax', inputShape: [32] })]);
 *
 * `tf.keras === keras`. Importing this package registers every file format (.h5, .keras, TF checkpoints).
 */
import './register-formats.js';
import * as keras from './keras/index.js';
import * as tf from './tf.js';

export { keras, tf };
