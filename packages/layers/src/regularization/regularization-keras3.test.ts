import { describeKeras3Suite } from '../testing/vector-suites.js';

describeKeras3Suite({ title: 'regularization layers match Keras 3', dir: 'regularization', file: /^regularization\.json$/, minCount: 8, atol: 1e-5, rtol: 1e-4 });
