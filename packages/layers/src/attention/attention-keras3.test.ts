import { describeKeras3Suite } from '../testing/vector-suites.js';

describeKeras3Suite({ title: 'attention layers match Keras 3', dir: 'attention', file: /^attention\.json$/, minCount: 27, atol: 1e-5, rtol: 1e-4 });
