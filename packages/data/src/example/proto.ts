/**
 * The tf.train.Example protobuf types, parsed by protobufjs from `example.proto` (kept beside this file; the
 * text is inlined below so that the built package needs no file lookup — `proto.test.ts` checks they match).
 */
import protobuf from 'protobufjs';

export const EXAMPLE_PROTO = `// tf.train.Example, as in TensorFlow's tensorflow/core/example/{example,feature}.proto (same field numbers).
syntax = "proto3";

package tensorflow;

message BytesList {
  repeated bytes value = 1;
}

message FloatList {
  repeated float value = 1 [packed = true];
}

message Int64List {
  repeated int64 value = 1 [packed = true];
}

message Feature {
  oneof kind {
    BytesList bytes_list = 1;
    FloatList float_list = 2;
    Int64List int64_list = 3;
  }
}

message Features {
  map<string, Feature> feature = 1;
}

message FeatureList {
  repeated Feature feature = 1;
}

message FeatureLists {
  map<string, FeatureList> feature_list = 1;
}

message Example {
  Features features = 1;
}

message SequenceExample {
  Features context = 1;
  FeatureLists feature_lists = 2;
}
`;

const root = protobuf.parse(EXAMPLE_PROTO, { keepCase: false }).root;

export const ExampleType = root.lookupType('tensorflow.Example');

/** An int64 as decoded by protobufjs: a number, or a Long when the `long` package is present. */
export type Int64 = number | { low: number; high: number; toNumber(): number; toString(): string };

/** A decoded tf.train.Feature. */
export interface FeatureMessage {
  bytesList?: { value?: Uint8Array[] };
  floatList?: { value?: number[] };
  int64List?: { value?: Int64[] };
}

export interface ExampleMessage {
  features?: { feature?: Record<string, FeatureMessage> };
}
