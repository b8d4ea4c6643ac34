/** The typed errors of keras-ts. Every package throws these (or subclasses), never bare strings. */
export class KerasError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
/** A value has the wrong type, or a configuration is invalid (Python's `TypeError`/`ValueError`). */
export class ValueError extends KerasError {}
/** An op or layer received a tensor of an incompatible shape. */
export class ShapeError extends ValueError {}
/** A named object (layer class, loss, optimizer, activation, ...) is unknown. */
export class NotFoundError extends KerasError {}
/** The requested backend is not installed. */
export class BackendNotInstalledError extends KerasError {}
/** The backend failed to initialize. */
export class BackendInitError extends KerasError {}
/** An operation is not valid in the current state (e.g. `fit` before `compile`). */
export class RuntimeError extends KerasError {}
/** A feature that is not implemented. */
export class NotImplementedError extends KerasError {}
/** A file could not be read or written, or its content is invalid. */
export class FileFormatError extends KerasError {
  constructor(message: string, readonly path?: string) {
    super(path ? `${path}: ${message}` : message);
  }
}
