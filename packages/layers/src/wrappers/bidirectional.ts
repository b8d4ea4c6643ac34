/**
 * `Bidirectional`: runs a recurrent layer forwards and a copy of it backwards over the sequence and merges
 * the two outputs (`concat` (default), `sum`, `mul`, `ave`, or `null` for a list of both). Weights are the
 * forward layer's then the backward layer's. The backward output is re-reversed in time when sequences are
 * returned; with `returnState` the states are the forward states then the backward states.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { RNN } from '../recurrent/rnn.js';
import type { ConfigDict, CustomObjects, SerializedObject } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { deserialize, serialize } from '../serialization/layer-serialization.js';

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;
const MODES = ['concat', 'sum', 'mul', 'ave'];

export interface BidirectionalArgs extends LayerArgs {
  mergeMode?: MergeMode;
  /** An explicit backward layer (it must have `goBackwards` opposite to `layer`'s). */
  backwardLayer?: RNN | null;
}

type Mask = tf.Tensor | Array<tf.Tensor | null> | null | undefined;

/** A fresh copy of `layer` from its config, renamed, optionally running the other way. */
function recreate(layer: RNN, prefix: string, flip: boolean): RNN {
  const s = serialize(layer);
  const config = { ...s.config, name: `${prefix}_${layer.name.replace(/^(forward_|backward_)/, '')}` } as ConfigDict;
  if (flip) config.go_backwards = !layer.goBackwards;
  return deserialize({ class_name: s.class_name, config }) as RNN;
}

export class Bidirectional extends Layer {
  static override className = 'Bidirectional';
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: MergeMode;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  private readonly layerConfig: { class_name: string; config: ConfigDict };
  private readonly backwardConfig: { class_name: string; config: ConfigDict } | null;

  constructor(layer: RNN, args: BidirectionalArgs = {}) {
    super(args);
    if (!(layer instanceof RNN)) {
      throw new ValueError(`Please initialize \`Bidirectional\` layer with a recurrent layer instance (RNN, LSTM, GRU, ...). Received: ${String(layer)}`);
    }
    const mode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    if (mode !== null && !MODES.includes(mode)) {
      throw new ValueError(`Invalid merge mode. Received: ${mode}. Merge mode should be one of {"sum", "mul", "ave", "concat", None}`);
    }
    const back = args.backwardLayer ?? null;
    if (back) {
      if (!(back instanceof RNN)) throw new ValueError(`\`backward_layer\` need to be a recurrent layer instance. Received: ${String(back)}`);
      if (back.goBackwards === layer.goBackwards) {
        throw new ValueError('Forward layer and backward layer should have different `go_backwards` value. Received: ' +
          `forward_layer.go_backwards=${layer.goBackwards}, backward_layer.go_backwards=${back.goBackwards}`);
      }
      for (const [k, key] of [['returnSequences', 'return_sequences'], ['returnState', 'return_state'], ['stateful', 'stateful']] as const) {
        if (back[k] !== layer[k]) {
          throw new ValueError(`Forward layer and backward layer should have the same \`${key}\`. Received: forward_layer.${key}=${layer[k]}, backward_layer.${key}=${back[k]}`);
        }
      }
    }
    this.layerConfig = serialize(layer) as { class_name: string; config: ConfigDict };
    this.backwardConfig = back ? (serialize(back) as { class_name: string; config: ConfigDict }) : null;
    this.forwardLayer = recreate(layer, 'forward', false);
    this.backwardLayer = back ? recreate(back, 'backward', false) : recreate(layer, 'backward', true);
    this.mergeMode = mode;
    this.returnSequences = layer.returnSequences;
    this.returnState = layer.returnState;
    // Keras zeroes the outputs at masked steps when sequences are returned (so both directions line up).
    this.forwardLayer.zeroOutputForMask = this.returnSequences;
    this.backwardLayer.zeroOutputForMask = this.returnSequences;
    this.supportsMasking = true;
    this.multiOutput = this.returnState || mode === null;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.forwardLayer.maybeBuild(inputShape);
    this.backwardLayer.maybeBuild(inputShape);
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor | tf.Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const x = list[0];
    let initial = list.slice(1);
    const given = kwargs.initialState as tf.Tensor | tf.Tensor[] | undefined | null;
    if (given) initial = Array.isArray(given) ? given : [given];
    if (initial.length % 2 !== 0) {
      throw new ValueError(`Layer "${this.name}": when passing \`initial_state\` to a Bidirectional RNN, the state should be a list containing the states of the underlying RNNs (forward states then backward states). Received ${initial.length} state(s).`);
    }
    const mask = (Array.isArray(kwargs.mask) ? kwargs.mask[0] : kwargs.mask) ?? null;
    const half = initial.length / 2;
    return tf.tidy(() => {
      const run = (layer: RNN, states: tf.Tensor[]) => {
        const out = layer.apply(x, { training: kwargs.training, mask, initialState: states.length ? states : undefined }) as unknown as tf.Tensor | tf.Tensor[];
        return Array.isArray(out) ? { y: out[0], states: out.slice(1) } : { y: out, states: [] as tf.Tensor[] };
      };
      const fw = run(this.forwardLayer, initial.slice(0, half));
      const bw = run(this.backwardLayer, initial.slice(half));
      const timeAxis = this.forwardLayer.timeMajor ? 0 : 1;
      const yRev = this.returnSequences ? tf.reverse(bw.y, timeAxis) : bw.y;
      const merged = this.merge(fw.y, yRev);
      const states = [...fw.states, ...bw.states];
      if (!this.returnState) return merged;
      return [...(Array.isArray(merged) ? merged : [merged]), ...states];
    });
  }

  private merge(y: tf.Tensor, yRev: tf.Tensor): tf.Tensor | tf.Tensor[] {
    switch (this.mergeMode) {
      case 'concat':
        return tf.concat([y, yRev], -1);
      case 'sum':
        return tf.add(y, yRev);
      case 'ave':
        return tf.mul(tf.add(y, yRev), 0.5);
      case 'mul':
        return tf.mul(y, yRev);
      default:
        return [y, yRev];
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const fw = this.forwardLayer.computeOutputShape(inputShape);
    const [out, ...states] = (this.returnState ? fw : [fw]) as Shape[];
    let outputs: Shape[];
    if (this.mergeMode === 'concat') {
      const last = out[out.length - 1];
      outputs = [[...out.slice(0, -1), last == null ? null : last * 2]];
    } else if (this.mergeMode === null) outputs = [out, [...out]];
    else outputs = [out];
    const all = this.returnState ? [...outputs, ...states, ...states.map((s) => [...s])] : outputs;
    return all.length === 1 ? all[0] : all;
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: Mask): tf.Tensor | Array<tf.Tensor | null> | null {
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const out = this.returnSequences ? m : null;
    const outs = this.mergeMode === null ? [out, out] : [out];
    if (!this.returnState) return this.mergeMode === null ? outs : out;
    const nStates = 2 * this.forwardLayer.cell.stateShapes.length;
    return [...outs, ...new Array(nStates).fill(null)];
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = { ...super.getConfig(), merge_mode: this.mergeMode, layer: this.layerConfig };
    if (this.backwardConfig) config.backward_layer = this.backwardConfig;
    return config;
  }

  static override fromConfig(config: ConfigDict, customObjects?: CustomObjects): Bidirectional {
    const layer = deserialize(config.layer as SerializedObject, { customObjects }) as RNN;
    const backwardLayer = config.backward_layer ? (deserialize(config.backward_layer as SerializedObject, { customObjects }) as RNN) : null;
    const { layer: _l, backward_layer: _b, ...rest } = config;
    return new Bidirectional(layer, { ...(camelizeKeys(rest) as BidirectionalArgs), backwardLayer });
  }
}
