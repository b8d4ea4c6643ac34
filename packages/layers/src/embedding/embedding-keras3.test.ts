import { describeKeras3Suite } from '../testing/vector-suites.js';

describeKeras3Suite({ title: 'embedding layers match Keras 3', dir: 'embedding', file: /^embedding\.json$/, minCount: 5, atol: 1e-5, rtol: 1e-4 });
