import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'embedding layers', patterns: [/^layers\/embeddings\//], count: 3, atol: 1e-4, rtol: 1e-4 });
