import { describeKeras3Suite } from '../testing/vector-suites.js';

describeKeras3Suite({ title: 'ConvLSTM2D matches Keras 3', dir: 'recurrent/conv_lstm', file: /^conv_lstm\.json$/, minCount: 6, atol: 1e-5, rtol: 1e-4 });
