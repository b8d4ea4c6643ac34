import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'merge layers', patterns: [/^layers\/merge\//], count: 28, atol: 1e-5, rtol: 1e-4, keras3: 'merge' });
