import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'regularization layers', patterns: [/^layers\/noise\//], count: 2, atol: 1e-4, rtol: 1e-4 });
