/** `keras.models`. */
export { Model, Sequential, loadModel, modelFromJson, modelFromYaml, modelFromConfig } from '@keras-ts/models';
