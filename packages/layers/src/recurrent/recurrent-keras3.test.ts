import { describeKeras3Suite } from '../testing/vector-suites.js';

describeKeras3Suite({ title: 'recurrent layers match Keras 3', dir: 'recurrent', file: /^recurrent\.json$/, minCount: 38, atol: 1e-5, rtol: 1e-4 });
