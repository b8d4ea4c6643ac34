/** `keras.layers`: every layer class, `Input`, `serialize`/`deserialize`. */
export * from '@keras-ts/layers';
