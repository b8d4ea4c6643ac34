/**
 * `Lambda`: wraps a function as a layer. A Lambda from a file is never run from the file: files hold Python
 * bytecode, and loading refuses them in safe mode. With `safeMode: false` the function must be supplied in
 * `customObjects` (under the layer's name, or the function's name when the file stores one).
 */
import type * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict, CustomObjects } from '../serialization/registry.js';
import { isSafeMode } from '../serialization/safe-mode.js';

export type LambdaFn = (inputs: tf.Tensor | tf.Tensor[], args?: Record<string, unknown>) => tf.Tensor | tf.Tensor[];

export interface LambdaArgs extends LayerArgs {
  outputShape?: Shape | ((inputShape: Shape | Shape[]) => Shape | Shape[]);
  arguments?: Record<string, unknown>;
}

export class Lambda extends Layer {
  static override className = 'Lambda';
  readonly fn: LambdaFn;
  readonly outputShapeArg?: LambdaArgs['outputShape'];
  readonly arguments: Record<string, unknown>;
  constructor(fn: LambdaFn, args: LambdaArgs = {}) {
    super(args);
    if (typeof fn !== 'function') throw new ValueError(`Lambda layer "${this.name}" expects a function, received ${typeof fn}.`);
    this.fn = fn;
    this.outputShapeArg = args.outputShape;
    this.arguments = args.arguments ?? {};
    this.supportsMasking = true;
  }
  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor | tf.Tensor[] {
    return this.fn(inputs, this.arguments);
  }
  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    if (typeof this.outputShapeArg === 'function') return this.outputShapeArg(inputShape);
    if (Array.isArray(this.outputShapeArg)) return [(inputShape as Shape)[0], ...this.outputShapeArg];
    return super.computeOutputShape(inputShape);
  }
  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      function: this.fn.name || this.name,
      function_type: 'raw',
      output_shape: Array.isArray(this.outputShapeArg) ? this.outputShapeArg : null,
      arguments: this.arguments,
    };
  }
  static override fromConfig(config: ConfigDict, customObjects?: CustomObjects): Lambda {
    const name = String(config.name ?? 'lambda');
    if (isSafeMode()) {
      throw new ValueError(
        `Requested the deserialization of a Lambda layer ("${name}") whose function is code stored in the file. ` +
          'Loading it would run code from the file, which is refused in safe mode. If you trust the file, pass ' +
          `\`safeMode: false\` and supply the function in \`customObjects\` (e.g. { customObjects: { ${name}: (x) => ... } }).`,
      );
    }
    const fnName = typeof config.function === 'string' ? config.function : undefined;
    const fn = (customObjects?.[name] ?? (fnName ? customObjects?.[fnName] : undefined)) as LambdaFn | undefined;
    if (typeof fn !== 'function') {
      throw new ValueError(
        `Lambda layer "${name}": its function cannot be loaded from the file (keras-ts never runs code from files). ` +
          `Supply it in \`customObjects\` under "${name}"${fnName ? ` or "${fnName}"` : ''}.`,
      );
    }
    const outputShape = Array.isArray(config.output_shape) ? (config.output_shape as Shape) : undefined;
    return new Lambda(fn, { name, trainable: config.trainable as boolean, outputShape, arguments: (config.arguments as Record<string, unknown>) ?? {} });
  }
}
