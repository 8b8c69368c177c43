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
 * Bring a parsed document up to CURRENT_SCHEMA_VERSION, one step at a time, or say why it
 * cannot be. A document with no `schemaVersion` is treated as version 0; one from a newer
 * build is refused rather than half-read.
 *
 * @example
 * migrateFlow({ name: 'x', channels: [] })
 * // => { ok: true, doc: { name: 'x', edges: [], schemaVersion: 1 }, applied: ['unversioned draft -> 1: ...'] }
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
  return { ok: true, doc, applied };
}
