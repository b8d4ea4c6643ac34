import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'pooling layers', patterns: [/^layers\/pooling\//], count: 88, atol: 1e-5, rtol: 1e-4, keras3: 'pooling' });
