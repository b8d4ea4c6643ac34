import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32c } from '@aws-crypto/crc32c';
import { TensorBoard } from './tensorboard.js';
import { EventMessage } from './event-proto.js';
import { fixturesDir, pythonOracle } from '../../../../testing/oracle.js';

/** An independent reader of TFRecord framing that checks both CRCs. */
function readRecords(buf: Uint8Array): Uint8Array[] {
  const mask = (c: number) => ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Uint8Array[] = [];
  let off = 0;
  while (off < buf.length) {
    const len = Number(view.getBigUint64(off, true));
    expect(view.getUint32(off + 8, true)).toBe(mask(crc32c(buf.subarray(off, off + 8)) >>> 0));
    const data = buf.subarray(off + 12, off + 12 + len);
    expect(view.getUint32(off + 12 + len, true)).toBe(mask(crc32c(data) >>> 0));
    out.push(data);
    off += 16 + len;
  }
  return out;
}

function scalarOf(ev: Record<string, any>): [string, number, number] {
  const v = ev.summary.value[0];
  const content = v.tensor?.tensor_content as Uint8Array | undefined;
  const value = content?.length ? new DataView(content.buffer, content.byteOffset, 4).getFloat32(0, true) : v.tensor?.float_val?.[0] ?? v.simple_value;
  return [v.tag, Number(ev.step), value];
}

describe('TensorBoard', () => {
  it('our decoder reads the TF2 fixture (step s has value 0.5·s)', () => {
    const buf = readFileSync(join(fixturesDir, 'tfevents/go-tensorboard/events.out.tfevents.1585499054.Jaakkos-Mac-mini.local.11684.5.v2'));
    const events = readRecords(buf).map((r) => EventMessage.toObject(EventMessage.decode(r), { longs: Number }) as Record<string, any>);
    expect(events).toHaveLength(101);
    expect(events[0].file_version).toBe('brain.Event:2');
    const [tag, step, value] = scalarOf(events[10]);
    expect(tag).toBe('my_metric');
    expect(value).toBeCloseTo(0.5 * step, 6);
  });

  it('writes epoch scalars under train/ and validation/ as Keras lays them out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keras-ts-tb-'));
    const tb = new TensorBoard({ logDir: dir, writeGraph: false });
    tb.setModel({ stopTraining: false, name: 'm' });
    tb.onTrainBegin();
    tb.onEpochEnd(0, { loss: 1.5, accuracy: 0.25, val_loss: 2, val_accuracy: 0.125 });
    tb.onEpochEnd(1, { loss: 1.0, accuracy: 0.5, val_loss: 1.75, val_accuracy: 0.25 });
    const read = (sub: string) => {
      const files = readdirSync(join(dir, sub));
      expect(files[0]).toMatch(/^events\.out\.tfevents\.\d+\..+\.\d+\.\d+\.v2$/);
      return readRecords(readFileSync(join(dir, sub, files[0]))).map((r) => EventMessage.toObject(EventMessage.decode(r), { longs: Number }) as Record<string, any>);
    };
    const train = read('train');
    expect(train[0].file_version).toBe('brain.Event:2');
    expect(train.slice(1).map(scalarOf)).toEqual([['epoch_loss', 0, 1.5], ['epoch_accuracy', 0, 0.25], ['epoch_loss', 1, 1], ['epoch_accuracy', 1, 0.5]]);
    expect(read('validation').slice(1).map(scalarOf)).toEqual([['epoch_loss', 0, 2], ['epoch_accuracy', 0, 0.125], ['epoch_loss', 1, 1.75], ['epoch_accuracy', 1, 0.25]]);
  });

  it('TensorFlow reads the event files we write', { timeout: 600_000 }, async (ctx) => {
    const { oracle, why } = pythonOracle(['tensorflow']);
    if (!oracle) {
      console.log(`skipped: ${why}`);
      ctx.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'keras-ts-tb-tf-'));
    const tb = new TensorBoard({ logDir: dir, writeGraph: false });
    tb.setModel({ stopTraining: false, name: 'm' });
    tb.onEpochEnd(3, { loss: 0.75 });
    const file = join(dir, 'train', readdirSync(join(dir, 'train'))[0]);
    const out = await oracle.runAsync(
      [
        'import sys, tensorflow as tf',
        'for e in tf.compat.v1.train.summary_iterator(sys.argv[1]):',
        '  for v in e.summary.value:',
        '    print(v.tag, e.step, float(tf.make_ndarray(v.tensor)), v.metadata.plugin_data.plugin_name)',
      ].join('\n'),
      { args: [file] },
    );
    expect(out.trim()).toBe('epoch_loss 3 0.75 scalars');
  });
});
