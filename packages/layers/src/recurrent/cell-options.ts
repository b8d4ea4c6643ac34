/** The options SimpleRNN, GRU and LSTM cells share, resolved once, with their Keras config entries. */
import type { LayerArgs } from '../engine/layer.js';
import { getActivation, serializeActivation, type ActivationFn, type ActivationIdentifier } from '../activations/activations.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import type { ConfigDict } from '../serialization/registry.js';
import { ValueError } from '@keras-ts/tensor';

export interface CellArgs extends LayerArgs {
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  recurrentInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  recurrentRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  recurrentConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
  dropout?: number;
  recurrentDropout?: number;
  seed?: number | null;
}

export interface GatedCellArgs extends CellArgs {
  recurrentActivation?: ActivationIdentifier;
  /** Accepted for Keras compatibility (1 or 2); both compute the same values here. */
  implementation?: number;
}

export class CellOptions {
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly recurrentRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly recurrentConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | null;
  constructor(args: CellArgs) {
    this.activation = getActivation(args.activation === undefined ? 'tanh' : args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer, 'glorot_uniform');
    this.recurrentInitializer = getInitializer(args.recurrentInitializer, 'orthogonal');
    this.biasInitializer = getInitializer(args.biasInitializer, 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.recurrentRegularizer = getRegularizer(args.recurrentRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.recurrentConstraint = getConstraint(args.recurrentConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.dropout = Math.min(1, Math.max(0, args.dropout ?? 0));
    this.recurrentDropout = Math.min(1, Math.max(0, args.recurrentDropout ?? 0));
    this.seed = args.seed ?? null;
  }

  /** Keras's config entries for these options, in tf.keras 2's key order (activation first). */
  config(): ConfigDict {
    const ser = <T>(x: T | null, f: (v: T) => unknown) => (x ? f(x) : null);
    return {
      activation: serializeActivation(this.activation),
      use_bias: this.useBias,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      recurrent_initializer: serializeInitializer(this.recurrentInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: ser(this.kernelRegularizer, serializeRegularizer),
      recurrent_regularizer: ser(this.recurrentRegularizer, serializeRegularizer),
      bias_regularizer: ser(this.biasRegularizer, serializeRegularizer),
      kernel_constraint: ser(this.kernelConstraint, serializeConstraint),
      recurrent_constraint: ser(this.recurrentConstraint, serializeConstraint),
      bias_constraint: ser(this.biasConstraint, serializeConstraint),
      dropout: this.dropout,
      recurrent_dropout: this.recurrentDropout,
    };
  }
}

export function checkUnits(units: unknown, layer: string): number {
  if (typeof units !== 'number' || !Number.isInteger(units) || units <= 0) {
    throw new ValueError(`Received an invalid value for argument \`units\`, expected a positive integer, got ${units} (layer ${layer}).`);
  }
  return units;
}

/** The recurrent activation option (LSTM/GRU): tf.keras 2's default is 'sigmoid'. */
export function recurrentActivationOf(args: GatedCellArgs): ActivationFn {
  return getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
}
