import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'normalization layers', patterns: [/^layers\/normalization\//], count: 7, atol: 1e-5, rtol: 1e-4, keras3: 'normalization' });
