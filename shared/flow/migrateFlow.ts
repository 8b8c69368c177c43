import { CURRENT_SCHEMA_VERSION } from './FlowDocument';

/** A problem found while migrating, named by JSON path like the loader's errors. */
export interface MigrationError {
  path: string;
  message: string;
}

/**
 * One step from version `from` to `from + 1`. Steps are pure: they take the parsed JSON of
 * an older document and return the JSON of the next version, never touching the input.
 */
interface MigrationStep {
  from: number;
  describe: string;
  apply(doc: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Version 0 is a document written before files carried a version: hand-written drafts and
 * the first exports. It named channels `channels` and kept the broker under `brokerUrl`.
 */
const MIGRATIONS: readonly MigrationStep[] = [
  {
    from: 0,
    describe: 'unversioned draft -> 1: `channels` becomes `edges`, `brokerUrl` becomes `broker`',
    apply(doc) {
      const { channels, brokerUrl, ...rest } = doc;
      const next: Record<string, unknown> = { ...rest, schemaVersion: 1 };
      if (next.edges === undefined && channels !== undefined) next.edges = channels;
      if (next.broker === undefined && typeof brokerUrl === 'string') {
        next.broker = { kind: 'external', url: brokerUrl };
      }
      return next;
    },
  },
];

/**
 * A field renamed without a change of meaning, so the version stays: a file saved before the
 * rename still loads (and is told it was updated), and one saved after it by an older build
 * is refused with the new field's path. Applied after the version steps, to every document.
 */
interface FieldRename {
  describe: string;
  /** The renamed document, or undefined when it has nothing to rename. */
  apply(doc: Record<string, unknown>): Record<string, unknown> | undefined;
}

const RENAMES: readonly FieldRename[] = [
  {
    describe: 'retry.maxAttempts is now retry.maxRetries: the same number, retries after the first attempt',
    apply(doc) {
      if (!Array.isArray(doc.nodes)) return undefined;
      let renamed = false;
      const nodes = doc.nodes.map((node: unknown) => {
        const settings = isObject(node) ? node.settings : undefined;
        const retry = isObject(settings) ? settings.retry : undefined;
        // Both names: left as written, so the loader names the old one as unknown.
        if (!isObject(node) || !isObject(settings) || !isObject(retry) || !('maxAttempts' in retry) || 'maxRetries' in retry) return node;
        renamed = true;
        const { maxAttempts, ...rest } = retry;
        return { ...node, settings: { ...settings, retry: { maxRetries: maxAttempts, ...rest } } };
      });
      return renamed ? { ...doc, nodes } : undefined;
    },
  },
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Bring a parsed document up to CURRENT_SCHEMA_VERSION, one step at a time, then apply the
 * field renames of the current version, or say why it cannot be. A document with no
 * `schemaVersion` is treated as version 0; one from a newer build is refused rather than
 * half-read. `applied` says what was changed, so the user can be told to save.
 *
 * @example
 * migrateFlow({ name: 'x', channels: [] })
 * // => { ok: true, doc: { name: 'x', edges: [], schemaVersion: 1 }, applied: ['unversioned draft -> 1: ...'] }
 * migrateFlow({ schemaVersion: 1, name: 'x', nodes: [{ id: 'pay', settings: { retry: { maxAttempts: 3 } } }] })
 * // => { ok: true, doc: { ..., nodes: [{ id: 'pay', settings: { retry: { maxRetries: 3 } } }] }, applied: ['retry.maxAttempts is now retry.maxRetries: ...'] }
 */
export function migrateFlow(
  raw: Record<string, unknown>,
): { ok: true; doc: Record<string, unknown>; applied: string[] } | { ok: false; errors: MigrationError[] } {
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return {
      ok: false,
      errors: [
        {
          path: 'schemaVersion',
          message: `must be a whole number such as ${CURRENT_SCHEMA_VERSION}, got ${JSON.stringify(version)}`,
        },
      ],
    };
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [
        {
          path: 'schemaVersion',
          message: `this file was written by a newer EventFlow Studio (version ${version}); this build reads up to ${CURRENT_SCHEMA_VERSION}: update the app to open it`,
        },
      ],
    };
  }
  let doc = raw;
  const applied: string[] = [];
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS.find((m) => m.from === v);
    if (!step) {
      return {
        ok: false,
        errors: [{ path: 'schemaVersion', message: `no migration from version ${v}` }],
      };
    }
    doc = step.apply(doc);
    applied.push(step.describe);
  }
  for (const rename of RENAMES) {
    const next = rename.apply(doc);
    if (next === undefined) continue;
    doc = next;
    applied.push(rename.describe);
  }
  return { ok: true, doc, applied };
}
