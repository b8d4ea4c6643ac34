/**
 * Child process of the interrupted-write test: saves a model checkpoint to argv[2] and, at the `stage` given in
 * argv[3] ('data' after the 2nd tensor, or 'index'), prints `PAUSED <pid>` and waits to be killed.
 */
import * as tf from '@keras-ts/tensor';
import { saveModelCheckpoint } from '../model-checkpoint.js';
import { dense, model } from './fake-model.js';

const [prefix, stage] = process.argv.slice(2);
await tf.ready();
const m = model([dense('dense', 32, 32), dense('dense_1', 32, 32), dense('dense_2', 32, 32)]);
let seen = 0;
await saveModelCheckpoint(prefix!, m, {
  onProgress: async (e) => {
    if (e.stage !== stage || ++seen < (stage === 'data' ? 2 : 1)) return;
    process.stdout.write(`PAUSED ${process.pid}\n`);
    await new Promise(() => setInterval(() => undefined, 1000));
  },
});
process.stdout.write('DONE\n');
