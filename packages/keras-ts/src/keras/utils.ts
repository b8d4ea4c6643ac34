/** `keras.utils`. */
export { registerKerasSerializable, getRegisteredObject, serializeKerasObject, deserializeKerasObject } from '@keras-ts/layers';
