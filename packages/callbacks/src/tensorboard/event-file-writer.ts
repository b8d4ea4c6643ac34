/**
 * Writes TensorBoard event files: TFRecord framing (length, masked CRC32C of the length, the serialized `Event`,
 * masked CRC32C of the data), first record `file_version: "brain.Event:2"`, file name
 * `events.out.tfevents.<seconds>.<host>.<pid>.<n>.v2` as TensorFlow names them.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { crc32c } from '@aws-crypto/crc32c';
import { EventMessage, DATA_CLASS_SCALAR, DATA_CLASS_TENSOR, DT_FLOAT, DT_STRING } from './event-proto.js';

let counter = 0;

function maskedCrc(data: Uint8Array): number {
  const crc = crc32c(data) >>> 0;
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** Frames one record (TFRecord format). */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + 4 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc(data), true);
  return out;
}

export class EventFileWriter {
  readonly path: string;
  constructor(readonly logdir: string) {
    mkdirSync(logdir, { recursive: true });
    const now = Date.now() / 1000;
    this.path = join(logdir, `events.out.tfevents.${Math.floor(now)}.${hostname()}.${process.pid}.${counter++}.v2`);
    writeFileSync(this.path, frameRecord(this.encode({ wall_time: now, step: 0, file_version: 'brain.Event:2' })));
  }

  private encode(event: Record<string, unknown>): Uint8Array {
    return EventMessage.encode(EventMessage.fromObject(event)).finish();
  }

  private write(event: Record<string, unknown>): void {
    appendFileSync(this.path, frameRecord(this.encode({ wall_time: Date.now() / 1000, ...event })));
  }

  /** A scalar as TF2's `tf.summary.scalar` writes it (float tensor, plugin "scalars"). */
  scalar(tag: string, value: number, step: number): void {
    const content = new Uint8Array(new Float32Array([value]).buffer);
    this.write({
      step,
      summary: {
        value: [{
          tag,
          metadata: { plugin_data: { plugin_name: 'scalars' }, data_class: DATA_CLASS_SCALAR },
          tensor: { dtype: DT_FLOAT, tensor_shape: {}, tensor_content: content },
        }],
      },
    });
  }

  /** A text summary (plugin "text"), as Keras writes the model config. */
  text(tag: string, value: string, step: number): void {
    this.write({
      step,
      summary: {
        value: [{
          tag,
          metadata: { plugin_data: { plugin_name: 'text' }, data_class: DATA_CLASS_TENSOR },
          tensor: { dtype: DT_STRING, tensor_shape: {}, string_val: [new TextEncoder().encode(value)] },
        }],
      },
    });
  }
}
