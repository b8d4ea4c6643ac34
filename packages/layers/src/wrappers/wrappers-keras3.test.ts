import { describeKeras3Suite } from '../testing/vector-suites.js';

describeKeras3Suite({ title: 'wrappers layers match Keras 3', dir: 'wrappers', file: /^wrappers\.json$/, minCount: 15, atol: 1e-5, rtol: 1e-4 });
