import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'core layers and activations', patterns: [/^layers\/core\//, /^activations\.json$/], atol: 1e-5, rtol: 1e-5 });
