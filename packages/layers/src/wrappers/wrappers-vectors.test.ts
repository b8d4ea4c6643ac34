import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'wrappers layers', patterns: [/^layers\/wrappers\//], count: 10, atol: 1e-4, rtol: 1e-4 });
