import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'recurrent layers', patterns: [/^layers\/recurrent\//], count: 27, atol: 1e-4, rtol: 1e-4 });
