/**
 * @keras-ts/layers: the `Layer` base class and Keras's layers, activations, initializers, regularizers and
 * constraints.
 */
export { Layer } from './engine/layer.js';
export type { LayerArgs, CallArgs, AddWeightArgs, LayerInput, LayerOutput, DTypeLike } from './engine/layer.js';
export { KerasTensor, isKerasTensor } from './engine/keras-tensor.js';
export type { KerasHistory } from './engine/keras-tensor.js';
export { Node } from './engine/node.js';
export type { NodeCallArgs } from './engine/node.js';
export { InputSpec, assertInputCompatibility } from './engine/input-spec.js';
export type { InputSpecArgs } from './engine/input-spec.js';
export type { Shape } from './engine/shape.js';
export { shapeToString, normalizeTuple, isShapeList } from './engine/shape.js';
export { toSnakeCase, uniqueName, resetNames } from './engine/naming.js';
export { currentTraining, withTraining, getMask, setMask } from './engine/call-context.js';

export * from './core/index.js';
export * from './families.js';

export { serialize, deserialize, registerLayer, registeredLayerNames, isKeras3Config } from './serialization/layer-serialization.js';
export type { DeserializeOptions, LayerClass } from './serialization/layer-serialization.js';
export {
  registerKerasSerializable, registerClass, lookupClass, deserializeKerasObject, serializeKerasObject, isSerializedObject, getRegisteredObject,
} from './serialization/registry.js';
export type { ConfigDict, SerializedObject, CustomObjects, Serializable, SerializableClass } from './serialization/registry.js';
export { isSafeMode, withSafeMode } from './serialization/safe-mode.js';
export { snakeToCamel, camelToSnake, camelizeKeys } from './serialization/case.js';

export * as activations from './activations/index.js';
export * as initializers from './initializers/index.js';
export * as regularizers from './regularizers/index.js';
export * as constraints from './constraints/index.js';
