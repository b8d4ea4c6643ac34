/**
 * `tf.train`: TensorFlow checkpoints (`Checkpoint`, `CheckpointManager`, `latestCheckpoint`, `listVariables`,
 * `loadVariable`, `loadCheckpoint`) and optimizers under their TF1 names, as the tf.keras guide uses them.
 */
import { Adam, RMSprop, SGD, Adagrad } from '@keras-ts/optimizers';

export { Checkpoint, CheckpointManager, latestCheckpoint, listVariables, loadVariable, loadCheckpoint } from '@keras-ts/io-checkpoint';

/** `tf.train.AdamOptimizer(0.001)` → `keras.optimizers.Adam`. */
export const AdamOptimizer = (learningRate = 0.001) => new Adam({ learningRate });
/** `tf.train.RMSPropOptimizer(0.001)` → `keras.optimizers.RMSprop`. */
export const RMSPropOptimizer = (learningRate = 0.001) => new RMSprop({ learningRate });
/** `tf.train.GradientDescentOptimizer(0.01)` → `keras.optimizers.SGD`. */
export const GradientDescentOptimizer = (learningRate = 0.01) => new SGD({ learningRate });
export const MomentumOptimizer = (learningRate: number, momentum: number) => new SGD({ learningRate, momentum });
export const AdagradOptimizer = (learningRate = 0.001) => new Adagrad({ learningRate });
