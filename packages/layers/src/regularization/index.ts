/** The regularization family: spatial, Gaussian and alpha dropout, Gaussian noise, ActivityRegularization. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { SpatialDropout1D, SpatialDropout2D, SpatialDropout3D } from './spatial-dropout.js';
import { GaussianDropout } from './gaussian-dropout.js';
import { GaussianNoise } from './gaussian-noise.js';
import { AlphaDropout } from './alpha-dropout.js';
import { ActivityRegularization } from './activity-regularization.js';

registerLayer(SpatialDropout1D);
registerLayer(SpatialDropout2D);
registerLayer(SpatialDropout3D);
registerLayer(GaussianDropout);
registerLayer(GaussianNoise);
registerLayer(AlphaDropout);
registerLayer(ActivityRegularization);

export { SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, GaussianDropout, GaussianNoise, AlphaDropout, ActivityRegularization };
export type { SpatialDropoutArgs } from './spatial-dropout.js';
export type { GaussianDropoutArgs } from './gaussian-dropout.js';
export type { GaussianNoiseArgs } from './gaussian-noise.js';
export type { AlphaDropoutArgs } from './alpha-dropout.js';
export type { ActivityRegularizationArgs } from './activity-regularization.js';
