/**
 * `RNN`: the generic recurrent layer. It runs a cell over the time axis of `[batch, time, ...]` inputs:
 * the cell projects every timestep's input at once, then one `step` per timestep does the recurrent part.
 *
 * Options as in tf.keras 2: `returnSequences`, `returnState`, `goBackwards` (outputs stay in processing
 * order), `stateful` (+ `resetStates`), `timeMajor`, `unroll` (accepted; the loop is always unrolled eagerly).
 * Masks: at a padded step the states keep their previous values and the output repeats the previous output
 * (zeros with `zeroOutputForMask`, which Bidirectional sets when returning sequences), as Keras's
 * `backend.rnn` does. Initial states come from `kwargs.initialState` or from extra inputs
 * (`apply([x, h0, c0])`). Dropout masks (`dropout`, `recurrentDropout` of the cell) apply in training only.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import { shapeToString } from '../engine/shape.js';
import { RNNCell } from './rnn-cell.js';
import { StackedRNNCells } from './stacked-rnn-cells.js';
import { unstackTime, stackTime } from './time-steps.js';
import type { ConfigDict, CustomObjects, SerializedObject } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { deserialize, serialize } from '../serialization/layer-serialization.js';

export interface RNNArgs extends LayerArgs {
  returnSequences?: boolean;
  returnState?: boolean;
  goBackwards?: boolean;
  stateful?: boolean;
  /** Accepted for Keras compatibility; the loop always runs step by step. */
  unroll?: boolean;
  timeMajor?: boolean;
  zeroOutputForMask?: boolean;
}

type Mask = tf.Tensor | Array<tf.Tensor | null> | null | undefined;

export class RNN extends Layer {
  static override className = 'RNN';
  readonly cell: RNNCell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  readonly timeMajor: boolean;
  zeroOutputForMask: boolean;
  /** The carried states of a stateful layer (null until the first call or `resetStates`). */
  states: tf.Tensor[] | null = null;

  constructor(cell: RNNCell | RNNCell[], args: RNNArgs = {}) {
    super(args);
    if (Array.isArray(cell)) cell = new StackedRNNCells(cell);
    if (!(cell instanceof RNNCell)) {
      throw new ValueError(`Argument \`cell\` should be an RNN cell (an RNNCell with \`step\` and \`stateShapes\`). Received: cell=${String(cell)}`);
    }
    this.cell = cell;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.stateful = args.stateful ?? false;
    this.unroll = args.unroll ?? false;
    this.timeMajor = args.timeMajor ?? false;
    this.zeroOutputForMask = args.zeroOutputForMask ?? false;
    this.supportsMasking = true;
    this.multiOutput = this.returnState;
    this.inputSpec = new InputSpec({ minNdim: 3 });
  }

  /** Rank of the sequence input: 3 for vector cells, 5 for ConvLSTM2D. */
  protected get sequenceRank(): number {
    return 2 + this.cell.stepRank;
  }

  override build(inputShape: Shape | Shape[]): void {
    const x = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    if (x.length !== this.sequenceRank) {
      throw new ValueError(`Input 0 of layer "${this.name}" is incompatible with the layer: expected ndim=${this.sequenceRank}, found ndim=${x.length}. Full shape received: ${shapeToString(x)}`);
    }
    const batch = this.timeMajor ? x[1] : x[0];
    const step: Shape = [batch, ...x.slice(2)];
    // Keras's weight paths: 'lstm/lstm_cell/kernel' (the cell's weights under the layer's name).
    const cellName = this.cell.name;
    this.cell.name = `${this.name}/${cellName}`;
    try {
      this.cell.maybeBuild(step);
    } finally {
      this.cell.name = cellName;
    }
    const axes: Record<number, number> = {};
    x.slice(2).forEach((d, i) => d != null && (axes[i + 2] = d));
    this.inputSpec = new InputSpec({ ndim: this.sequenceRank, axes });
    if (this.stateful && batch != null && !this.states) tf.tidy(() => this.keepStates(this.cell.getInitialState(batch)));
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor | tf.Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const x = list[0];
    let initial = list.slice(1);
    const given = kwargs.initialState as tf.Tensor | tf.Tensor[] | undefined | null;
    if (given) initial = Array.isArray(given) ? given : [given];
    const mask = (Array.isArray(kwargs.mask) ? kwargs.mask[0] : kwargs.mask) ?? null;
    const training = kwargs.training ?? false;
    return tf.tidy(() => {
      const seq = this.timeMajor ? tf.transpose(x, [1, 0, ...range(2, x.rank)]) : x;
      const batch = seq.shape[0];
      const steps = seq.shape[1] as number;
      if (steps === 0) throw new ValueError(`Layer "${this.name}": cannot run a recurrent layer over a sequence of length 0 (input shape ${shapeToString(x.shape)}).`);
      const states = this.startStates(initial, batch);
      this.cell.beginSequence([batch, ...seq.shape.slice(2)], training);
      try {
        // The layer's result from every step's output (stacked, or the last) and the final states.
        const finish = (sequence: () => tf.Tensor, last: tf.Tensor, finalStates: tf.Tensor[]) => {
          let output = this.returnSequences ? sequence() : last;
          if (this.timeMajor && this.returnSequences) output = tf.transpose(output, [1, 0, ...range(2, output.rank)]);
          if (this.stateful) this.keepStates(finalStates);
          return this.returnState ? [output, ...finalStates] : output;
        };
        const projectedAll = this.cell.projectInputs(seq);
        const whole = this.cell.runSequence(projectedAll, states, this.goBackwards, mask);
        if (whole && !mask) return finish(() => whole.sequence, whole.output, whole.states);
        if (whole) {
          // Masked steps output what the stepped path below makes them: zeros with zeroOutputForMask, else the
          // last output (zeros before the first step that counts); `sequence` holds every step's state.
          const seq = whole.sequence;
          const m = tf.cast(mask!, 'float32');
          const counted = this.goBackwards ? tf.reverse(m, 1) : m;
          const keep = this.zeroOutputForMask ? tf.cast(counted, 'bool') : tf.greater(tf.cumsum(counted, 1), 0);
          const out = tf.where(tf.broadcastTo(tf.reshape(keep, [batch, steps, 1]), seq.shape), seq, tf.zerosLike(seq));
          const last = tf.reshape(tf.slice(out, [0, steps - 1, 0], [batch, 1, seq.shape[2]!]), [batch, seq.shape[2]!]);
          return finish(() => out, last, whole.states);
        }
        const projected = unstackTime(projectedAll);
        // Per-step masks broadcast to each state shape once for the whole sequence (not once per step).
        const boolMask = mask ? tf.cast(mask, 'bool') : null;
        const maskCache = new Map<string, tf.Tensor[]>();
        const stepMask = (t: number, like: tf.Tensor): tf.Tensor => {
          const key = like.shape.slice(1).join(',');
          let cached = maskCache.get(key);
          if (!cached) {
            const expanded = tf.reshape(boolMask!, [batch, steps, ...like.shape.slice(1).map(() => 1)]);
            cached = unstackTime(tf.broadcastTo(expanded, [batch, steps, ...like.shape.slice(1)]));
            maskCache.set(key, cached);
          }
          return cached[t];
        };
        let current = states;
        let prev: tf.Tensor | null = null;
        const outputs: tf.Tensor[] = [];
        for (let k = 0; k < steps; k++) {
          const t = this.goBackwards ? steps - 1 - k : k;
          const r = this.cell.step(projected[t], current);
          let out = r.output;
          let next = r.states;
          if (boolMask) {
            next = next.map((s, i) => tf.where(stepMask(t, s), s, current[i]));
            const fallback = this.zeroOutputForMask || !prev ? tf.zerosLike(out) : prev;
            out = tf.where(stepMask(t, out), out, fallback);
          }
          current = next;
          prev = out;
          if (this.returnSequences) outputs.push(out);
        }
        return finish(() => stackTime(outputs), prev!, current);
      } finally {
        this.cell.endSequence();
      }
    });
  }

  private startStates(initial: tf.Tensor[], batch: number): tf.Tensor[] {
    const want = this.cell.stateShapes.length;
    if (initial.length) {
      if (initial.length !== want) {
        throw new ValueError(`Layer "${this.name}" expects ${want} state(s) (cell.state_size=${JSON.stringify(this.cell.stateSize)}), but it received ${initial.length} initial state(s).`);
      }
      initial.forEach((s, i) => {
        const expected = [batch, ...this.cell.stateShapes[i]];
        if (!tf.util.arraysEqual(s.shape, expected)) {
          throw new ValueError(`Layer "${this.name}": an initial_state was passed that is not compatible with cell.state_size. Expected state ${i} of shape ${shapeToString(expected)}, received ${shapeToString(s.shape)}.`);
        }
      });
      return initial;
    }
    if (this.stateful) {
      if (!this.states || this.states[0].shape[0] !== batch) {
        if (this.states) {
          throw new ValueError(`Layer "${this.name}" is stateful with batch size ${this.states[0].shape[0]}, but it received a batch of ${batch}. Stateful RNNs need a fixed batch size (set it with batchInputShape).`);
        }
        this.keepStates(this.cell.getInitialState(batch));
      }
      return this.states!;
    }
    return this.cell.getInitialState(batch);
  }

  private keepStates(states: tf.Tensor[]): void {
    const old = this.states;
    this.states = states.map((s) => tf.keep(tf.clone(s)));
    if (old) tf.dispose(old);
  }

  /** Resets the carried states of a stateful layer to zeros, or to `states`. */
  resetStates(states?: tf.Tensor | tf.Tensor[] | null): void {
    if (!this.stateful) throw new ValueError(`Layer "${this.name}" is not stateful: resetStates() applies to stateful recurrent layers.`);
    const shape = (this.buildInputShape && (Array.isArray(this.buildInputShape[0]) ? this.buildInputShape[0] : this.buildInputShape)) as Shape | undefined;
    const batch = this.batchInputShape?.[0] ?? shape?.[this.timeMajor ? 1 : 0] ?? this.states?.[0].shape[0] ?? null;
    if (batch == null) {
      throw new ValueError(`If a RNN is stateful, it needs to know its batch size. Specify the batch size of your input tensors: pass \`batchInputShape\` (or \`batchSize\`) to the first layer.`);
    }
    if (states == null) return tf.tidy(() => this.keepStates(this.cell.getInitialState(batch)));
    const list = Array.isArray(states) ? states : [states];
    if (list.length !== this.cell.stateShapes.length) {
      throw new ValueError(`Layer "${this.name}" expects ${this.cell.stateShapes.length} state(s), but it received ${list.length} state value(s).`);
    }
    list.forEach((s, i) => {
      const expected = [batch, ...this.cell.stateShapes[i]];
      if (!tf.util.arraysEqual(s.shape, expected)) {
        throw new ValueError(`State ${i} is incompatible with layer "${this.name}": expected shape=${shapeToString(expected)}, found shape=${shapeToString(s.shape)}`);
      }
    });
    this.keepStates(list);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const x = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const [batch, time] = this.timeMajor ? [x[1], x[0]] : [x[0], x[1]];
    const out = this.cell.outputShape;
    const output: Shape = this.returnSequences ? (this.timeMajor ? [time, batch, ...out] : [batch, time, ...out]) : [batch, ...out];
    if (!this.returnState) return output;
    return [output, ...this.cell.stateShapes.map((s) => [batch, ...s])];
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: Mask): tf.Tensor | Array<tf.Tensor | null> | null {
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const out = this.returnSequences ? m : null;
    if (!this.returnState) return out;
    return [out, ...this.cell.stateShapes.map(() => null)];
  }

  /** The config keys RNN adds (subclasses such as LSTM drop `cell` and add their cell's options). */
  protected rnnConfig(): ConfigDict {
    const config: ConfigDict = {
      ...super.getConfig(),
      return_sequences: this.returnSequences,
      return_state: this.returnState,
      go_backwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
      time_major: this.timeMajor,
    };
    if (this.zeroOutputForMask) config.zero_output_for_mask = true;
    return config;
  }

  override getConfig(): ConfigDict {
    return { ...this.rnnConfig(), cell: serialize(this.cell) };
  }

  static override fromConfig(config: ConfigDict, customObjects?: CustomObjects): RNN {
    const spec = config.cell as SerializedObject | SerializedObject[];
    if (spec == null) throw new ValueError('RNN config is missing its `cell`.');
    const cell = Array.isArray(spec) ? spec.map((c) => deserialize(c, { customObjects }) as RNNCell) : (deserialize(spec, { customObjects }) as RNNCell);
    return new RNN(cell, camelizeKeys(config) as RNNArgs);
  }

  override dispose(): void {
    if (this.states) tf.dispose(this.states);
    this.states = null;
    super.dispose();
  }
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}
