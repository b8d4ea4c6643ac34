export {
  Initializer, Zeros, Ones, Constant, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling,
  GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal, Orthogonal, Identity,
  getInitializer as get, serializeInitializer as serialize, computeFans,
} from './initializers.js';
export type { InitializerIdentifier } from './initializers.js';
