/** The protobuf messages of checkpoints, loaded from the `.proto` files in `./proto/` with protobufjs. */
import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

function load(file: string): protobuf.Root {
  const text = readFileSync(new URL(`./proto/${file}`, import.meta.url), 'utf8');
  return protobuf.parse(text, { keepCase: true }).root;
}

const bundleRoot = load('tensor_bundle.proto');
const graphRoot = load('trackable_object_graph.proto');

export const BundleHeaderProto = bundleRoot.lookupType('tensorflow.BundleHeaderProto');
export const BundleEntryProto = bundleRoot.lookupType('tensorflow.BundleEntryProto');
export const TrackableObjectGraphProto = graphRoot.lookupType('tensorflow.TrackableObjectGraph');

const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: Number, defaults: true, arrays: true };

export interface BundleHeader {
  num_shards: number;
  endianness: number;
  version: { producer: number; min_consumer: number; bad_consumers: number[] } | null;
}

export interface BundleEntry {
  dtype: number;
  shape: { dim: Array<{ size: number; name: string }>; unknown_rank: boolean } | null;
  shard_id: number;
  offset: number;
  size: number;
  crc32c: number;
  slices: unknown[];
}

export interface ObjectReference {
  node_id: number;
  local_name: string;
}
export interface SerializedTensor {
  name: string;
  full_name: string;
  checkpoint_key: string;
}
export interface SlotVariableReference {
  original_variable_node_id: number;
  slot_name: string;
  slot_variable_node_id: number;
}
export interface TrackableObject {
  children: ObjectReference[];
  attributes: SerializedTensor[];
  slot_variables: SlotVariableReference[];
}
export interface TrackableObjectGraph {
  nodes: TrackableObject[];
}

function decode<T>(type: protobuf.Type, bytes: Uint8Array): T {
  return type.toObject(type.decode(bytes), TO_OBJECT) as T;
}

export const decodeHeader = (b: Uint8Array) => decode<BundleHeader>(BundleHeaderProto, b);
export const decodeEntry = (b: Uint8Array) => decode<BundleEntry>(BundleEntryProto, b);
export const decodeObjectGraph = (b: Uint8Array) => decode<TrackableObjectGraph>(TrackableObjectGraphProto, b);

export function encodeHeader(h: { num_shards: number; version: { producer: number } }): Uint8Array {
  return BundleHeaderProto.encode(BundleHeaderProto.fromObject(h)).finish();
}
export function encodeEntry(e: Omit<BundleEntry, 'slices' | 'shape'> & { shape: { dim: Array<{ size: number }> } }): Uint8Array {
  return BundleEntryProto.encode(BundleEntryProto.fromObject(e)).finish();
}
export function encodeObjectGraph(g: TrackableObjectGraph): Uint8Array {
  return TrackableObjectGraphProto.encode(TrackableObjectGraphProto.fromObject(g)).finish();
}
