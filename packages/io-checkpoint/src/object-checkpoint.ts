/** Writing a trackable tree as an object-based checkpoint, and opening one for restore by object. */
import { FileFormatError } from '@keras-ts/tensor';
import { BundleReader } from './bundle-reader.js';
import { writeBundle, type BundleInput, type WriteBundleOptions } from './bundle-writer.js';
import { indexPath } from './bundle-names.js';
import { decodeObjectGraph, encodeObjectGraph } from './protos.js';
import {
  escapeLocalName,
  OBJECT_GRAPH_KEY,
  ObjectGraphView,
  serializeGraph,
  slotPath,
  variableKey,
  type SerializedGraph,
  type TrackableNode,
} from './object-graph.js';

/** Writes every variable of the tree under its object-path key, plus the serialized object graph. */
export async function writeObjectCheckpoint(prefix: string, root: TrackableNode, options: WriteBundleOptions = {}): Promise<SerializedGraph> {
  const serialized = serializeGraph(root);
  const inputs: BundleInput[] = serialized.variables.map(({ key, variable }) => {
    return { name: key, value: variable.value, dtype: variable.dtype };
  });
  inputs.push({ name: OBJECT_GRAPH_KEY, value: { dtype: 'string', shape: [], values: [encodeObjectGraph(serialized.graph)] } });
  await writeBundle(prefix, inputs, options);
  return serialized;
}

/** A position in a checkpoint's object graph (or, for checkpoints without one, just its key path). */
export interface Loc {
  id: number | null;
  path: string;
}

/** Resolves object paths to checkpoint keys, through the object graph when the checkpoint has one. */
export class CheckpointResolver {
  readonly view: ObjectGraphView | null;

  constructor(readonly reader: BundleReader) {
    if (reader.has(OBJECT_GRAPH_KEY)) {
      const raw = reader.getRaw(OBJECT_GRAPH_KEY);
      const bytes = (raw.values as Uint8Array[])[0];
      if (raw.dtype !== 'string' || !bytes) throw new FileFormatError(`${OBJECT_GRAPH_KEY} is not a string scalar`, indexPath(reader.prefix));
      let graph;
      try {
        graph = decodeObjectGraph(bytes);
      } catch (e) {
        throw new FileFormatError(`corrupted ${OBJECT_GRAPH_KEY}: ${(e as Error).message}`, indexPath(reader.prefix));
      }
      this.view = new ObjectGraphView(graph, indexPath(reader.prefix));
    } else {
      this.view = null;
    }
  }

  static open(prefix: string): CheckpointResolver {
    return new CheckpointResolver(BundleReader.open(prefix));
  }

  root(): Loc {
    return { id: this.view ? 0 : null, path: '' };
  }

  child(loc: Loc, name: string): Loc | null {
    const path = loc.path ? `${loc.path}/${escapeLocalName(name)}` : escapeLocalName(name);
    if (!this.view) {
      const prefix = `${path}/`;
      return this.reader.names().some((n) => n.startsWith(prefix)) ? { id: null, path } : null;
    }
    const id = this.view.child(loc.id!, name);
    return id === null ? null : { id, path };
  }

  childNames(loc: Loc): string[] {
    if (this.view) return this.view.childNames(loc.id!);
    const prefix = loc.path ? `${loc.path}/` : '';
    return [...new Set(this.reader.names().filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length).split('/')[0]!))];
  }

  valueKey(loc: Loc): string | null {
    const key = this.view ? this.view.valueKey(loc.id!) : variableKey(loc.path);
    return key !== null && this.reader.has(key) ? key : null;
  }

  slotKey(optimizer: Loc, original: Loc, slotName: string): string | null {
    if (this.view) {
      const id = this.view.slot(optimizer.id!, original.id!, slotName);
      return id === null ? null : this.valueKey({ id, path: '' });
    }
    const key = variableKey(slotPath(original.path, optimizer.path, slotName));
    return this.reader.has(key) ? key : null;
  }

  /** Whether the optimizer at `loc` has any slot variables recorded. */
  hasSlots(optimizer: Loc): boolean {
    if (this.view) return this.view.graph.nodes[optimizer.id!]!.slot_variables.length > 0;
    return this.reader.names().some((n) => n.includes(`/.OPTIMIZER_SLOT/${optimizer.path}/`));
  }
}
