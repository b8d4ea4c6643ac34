import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'conv layers', patterns: [/^layers\/convolutional\/(Conv|SeparableConv)/], count: 37, atol: 1e-5, rtol: 1e-4, keras3: 'conv' });
