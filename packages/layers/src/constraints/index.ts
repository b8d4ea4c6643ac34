export { Constraint, MaxNorm, NonNeg, UnitNorm, MinMaxNorm, getConstraint as get, serializeConstraint as serialize } from './constraints.js';
export type { ConstraintIdentifier } from './constraints.js';
