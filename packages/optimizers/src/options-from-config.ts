/**
 * Keras optimizer configs (Keras 3 or tf.keras 2, snake_case) to our camelCase options: `lr` is read as
 * `learning_rate`; a non-zero `decay` (tf.keras 2's per-step inverse-time decay, `lr / (1 + decay * t)`)
 * becomes the equivalent `InverseTimeDecay` schedule (Keras 3 ignores it with a warning); `jit_compile`,
 * `is_legacy_optimizer` (tf 2.11) and Keras 2.0's Nadam `schedule_decay` are dropped; a serialized
 * schedule in `learning_rate` is rebuilt.
 */
import { ValueError } from '@keras-ts/tensor';
import { isSerializedObject, snakeToCamel } from './config.js';
import { InverseTimeDecay } from './schedules/inverse-time-decay.js';
import { deserializeSchedule } from './schedules/registry.js';

/** Keys of old configs that carry no meaning for the Keras 3 rules. */
const DROPPED_KEYS = new Set(['jit_compile', 'is_legacy_optimizer', 'schedule_decay']);

export function optionsFromConfig(config: Record<string, unknown>): Record<string, unknown> {
  const c: Record<string, unknown> = { ...config };
  if ('lr' in c) {
    if (c.learning_rate === undefined) c.learning_rate = c.lr;
    delete c.lr;
  }
  if (isSerializedObject(c.learning_rate)) c.learning_rate = deserializeSchedule(c.learning_rate);
  const decay = c.decay;
  delete c.decay;
  if (decay != null && decay !== 0) {
    if (typeof decay !== 'number' || !(decay > 0)) throw new ValueError(`Optimizer config: \`decay\` must be a number >= 0. Received: decay=${JSON.stringify(decay)}`);
    if (typeof c.learning_rate !== 'number') {
      throw new ValueError('Optimizer config: `decay` together with a learning rate schedule is not supported (tf.keras 2 did not allow it either).');
    }
    c.learning_rate = new InverseTimeDecay({ initialLearningRate: c.learning_rate, decaySteps: 1, decayRate: decay });
  }
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(c)) {
    if (DROPPED_KEYS.has(key)) continue;
    // Keras 2 wrote `epsilon: null` for "the backend's epsilon": the default.
    if (value === null && key === 'epsilon') continue;
    options[snakeToCamel(key)] = value;
  }
  return options;
}

