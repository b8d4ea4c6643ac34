export {
  getActivation as get,
  serializeActivation as serialize,
  registerActivation,
  linear, relu, relu6, sigmoid, tanh, softplus, softsign, selu, exponential, swish, mish, elu, softmax, gelu,
  hardSigmoid, hardSwish, leakyRelu, logSoftmax, logSigmoid, reluWith,
} from './activations.js';
export type { ActivationFn, ActivationIdentifier } from './activations.js';
