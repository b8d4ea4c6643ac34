import { describeVectorSuites } from '../testing/vector-suites.js';

describeVectorSuites({ title: 'cropping, upsampling and zero-padding layers', patterns: [/^layers\/convolutional\/(Cropping|UpSampling|ZeroPadding)/], count: 42, atol: 1e-5, rtol: 1e-4, keras3: 'reshaping' });
