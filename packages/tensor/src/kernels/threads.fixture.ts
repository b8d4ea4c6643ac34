// Run by threads.test.ts in a child process: starts the wasm backend and prints its thread count as JSON.
import * as tf from '../index.js';
import { getThreadsCount, threadsFailure } from './threads.js';

await tf.ready();
const sum = tf.tidy(() => tf.sum(tf.matMul(tf.ones([64, 32]), tf.ones([32, 1]))).dataSync()[0]);
console.log(JSON.stringify({ backend: tf.getBackend(), threads: getThreadsCount(), failure: threadsFailure(), sum }));
