import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'activation layers', patterns: [/^layers\/advanced_activations/], count: 4, atol: 1e-5, rtol: 1e-4, keras3: 'activation-layers' });
