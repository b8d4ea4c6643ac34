/** The TensorBoard event protos (the parts we write), from TensorFlow's event.proto/summary.proto/tensor.proto. */
import protobuf from 'protobufjs';

const PROTO = `
syntax = "proto3";
package tensorflow;
message TensorShapeProto { message Dim { int64 size = 1; string name = 2; } repeated Dim dim = 2; bool unknown_rank = 3; }
message TensorProto {
  int32 dtype = 1;
  TensorShapeProto tensor_shape = 2;
  int32 version_number = 3;
  bytes tensor_content = 4;
  repeated float float_val = 5 [packed = true];
  repeated bytes string_val = 8;
}
message SummaryMetadata {
  message PluginData { string plugin_name = 1; bytes content = 2; }
  PluginData plugin_data = 1;
  string display_name = 2;
  string summary_description = 3;
  int32 data_class = 4;
}
message Summary {
  message Value {
    string node_name = 7;
    string tag = 1;
    SummaryMetadata metadata = 9;
    oneof value { float simple_value = 2; TensorProto tensor = 8; }
  }
  repeated Value value = 1;
}
message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what { string file_version = 3; bytes graph_def = 4; Summary summary = 5; }
}
`;

const root = protobuf.parse(PROTO, { keepCase: true }).root;
export const EventMessage = root.lookupType('tensorflow.Event');

export const DT_FLOAT = 1;
export const DT_STRING = 7;
export const DATA_CLASS_SCALAR = 1;
export const DATA_CLASS_TENSOR = 2;
