/** `model.summary()`: the Keras table of layers, output shapes and parameter counts. */
import { InputLayer, shapeToString, type Layer, type Shape } from '@keras-ts/layers';
import type { Model } from './model.js';

export interface SummaryArgs {
  lineLength?: number;
  /** Where to print; default console.log. Return value is the text either way. */
  printFn?: (line: string) => void;
}

function formatBytes(n: number): string {
  const bytes = n * 4;
  if (bytes < 1024) return `${bytes.toFixed(2)} Byte`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(2)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(2)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function outputShapeOf(layer: Layer): string {
  if (layer.inboundNodes.length === 0) return '?';
  const outs = layer.inboundNodes.map((n) => n.outputs.map((o) => o.shape));
  const unique = [...new Set(outs.map((o) => JSON.stringify(o)))];
  if (unique.length > 1) return 'multiple';
  const shapes = outs[0] as Shape[];
  return shapes.length === 1 ? shapeToString(shapes[0]) : shapes.map((s) => shapeToString(s)).join(', ');
}

export function summary(model: Model, args: SummaryArgs = {}): string {
  const functional = model.isFunctional && model.constructor.name !== 'Sequential' && (model.constructor as { className?: string }).className !== 'Sequential';
  const width = args.lineLength ?? (functional ? 98 : 65);
  const cols = functional ? [0.33, 0.55, 0.67, 1] : [0.45, 0.85, 1];
  const positions = cols.map((p) => Math.floor(width * p));
  const headers = functional ? ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'] : ['Layer (type)', 'Output Shape', 'Param #'];
  const lines: string[] = [];
  const row = (fields: string[]) => {
    let line = '';
    fields.forEach((f, i) => {
      line += ` ${f}`;
      line = line.slice(0, positions[i]).padEnd(positions[i]);
    });
    lines.push(line);
  };
  lines.push(`Model: "${model.name}"`);
  lines.push('_'.repeat(width));
  row(headers);
  lines.push('='.repeat(width));
  const layers = model.layers.filter((l) => functional || !(l instanceof InputLayer));
  layers.forEach((layer) => {
    const type = (layer.constructor as { className?: string }).className ?? layer.constructor.name;
    const params = layer.built ? String(layer.countParams()) : '0 (unused)';
    const fields = [`${layer.name} (${type})`, outputShapeOf(layer), params];
    if (functional) {
      const nodes = layer.inboundNodes.filter((n) => model.graph!.nodeDepth.has(n));
      const conn = nodes.flatMap((n) => n.inputs.map((t) => `${t.kerasHistory!.layer.name}[${t.kerasHistory!.nodeIndex}][${t.kerasHistory!.tensorIndex}]`));
      fields.push(conn.join(', ') || '[]');
    }
    row(fields);
    lines.push('');
  });
  lines[lines.length - 1] = '='.repeat(width);
  const weights = model.weights;
  const trainable = new Set(model.trainableWeights);
  const total = weights.reduce((n, w) => n + w.size, 0);
  const nTrain = weights.filter((w) => trainable.has(w)).reduce((n, w) => n + w.size, 0);
  lines.push(`Total params: ${total} (${formatBytes(total)})`);
  lines.push(`Trainable params: ${nTrain} (${formatBytes(nTrain)})`);
  lines.push(`Non-trainable params: ${total - nTrain} (${formatBytes(total - nTrain)})`);
  lines.push('_'.repeat(width));
  const text = lines.join('\n');
  (args.printFn ?? console.log)(text);
  return text;
}
