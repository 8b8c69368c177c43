import type { z } from 'zod';
import { flowDocumentSchema, type FlowDocument } from './FlowDocument';
import { formatPath } from './formatPath';
import { migrateFlow } from './migrateFlow';
import { lineColumn, scanJson } from '../routing/scanJson';

/** One thing wrong with a flow file: where (a JSON path) and what to do about it. */
export interface FlowError {
  /** e.g. `nodes[2].settings.ratePerSecond`; `(document)` for the whole file. */
  path: string;
  /** e.g. `must be > 0, got -5`. */
  message: string;
}

export type LoadResult =
  | { ok: true; doc: FlowDocument; migrations: string[] }
  | { ok: false; errors: FlowError[] };

/** Field names that would hold a secret; refused wherever they appear under `broker`. */
const SECRET_KEYS = ['password', 'passphrase', 'secret', 'token'];

/**
 * Read a flow from the text of a `*.eventflow.json` file (or from already-parsed JSON),
 * migrate it to the current schema version and validate it. Never throws: every problem
 * comes back as a FlowError naming the JSON path and the fix, all of them at once.
 *
 * @example
 * const r = loadFlow('{"schemaVersion":1,"name":"x","nodes":[{"id":"p","kind":"producer","name":"P","settings":{"eventType":"t","ratePerSecond":-5}}]}');
 * // r.ok === false; r.errors[0] => { path: 'nodes[0].settings.ratePerSecond', message: 'must be > 0, got -5' }
 */
export function loadFlow(input: string | unknown): LoadResult {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch {
      return { ok: false, errors: [describeJsonError(input)] };
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [{ path: '(document)', message: `must be a JSON object with schemaVersion, name, nodes and edges, got ${describe(raw)}` }],
    };
  }
  const secrets = findSecrets(raw as Record<string, unknown>);
  const migrated = migrateFlow(withoutSecrets(raw as Record<string, unknown>));
  if (!migrated.ok) return { ok: false, errors: [...secrets, ...migrated.errors] };
  const parsed = flowDocumentSchema.safeParse(migrated.doc, { reportInput: true });
  const errors: FlowError[] = [...secrets];
  if (!parsed.success) errors.push(...parsed.error.issues.map(issueToError));
  if (parsed.success) errors.push(...checkIdentities(parsed.data));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: dedupe(errors) };
  return { ok: true, doc: parsed.data, migrations: migrated.applied };
}

/**
 * Validate an in-memory document (e.g. the designer's store) with the same rules as a file.
 *
 * @example
 * validateFlow(doc).ok // => true for any document loadFlow accepted
 */
export function validateFlow(doc: unknown): LoadResult {
  return loadFlow(doc);
}

function findSecrets(raw: Record<string, unknown>): FlowError[] {
  const broker = raw.broker;
  if (typeof broker !== 'object' || broker === null) return [];
  const out: FlowError[] = [];
  for (const key of Object.keys(broker)) {
    if (SECRET_KEYS.includes(key.toLowerCase())) {
      out.push({
        path: formatPath(['broker', key]),
        message:
          'a password is never stored in the flow file: remove it and set EVENTFLOW_BROKER_PASSWORD, or enter it when the run starts',
      });
    }
  }
  return out;
}

/** A copy without the secret fields, so each is reported once (by findSecrets), not also as unknown. */
function withoutSecrets(raw: Record<string, unknown>): Record<string, unknown> {
  const broker = raw.broker;
  if (typeof broker !== 'object' || broker === null || Array.isArray(broker)) return raw;
  const kept = Object.fromEntries(Object.entries(broker).filter(([k]) => !SECRET_KEYS.includes(k.toLowerCase())));
  return { ...raw, broker: kept };
}

/** Ids must be unique and edges must name nodes that exist; zod cannot see across arrays. */
function checkIdentities(doc: FlowDocument): FlowError[] {
  const errors: FlowError[] = [];
  const nodeIndex = new Map<string, number>();
  doc.nodes.forEach((node, i) => {
    const first = nodeIndex.get(node.id);
    if (first !== undefined) {
      errors.push({ path: `nodes[${i}].id`, message: `"${node.id}" is already the id of nodes[${first}]: give each node its own id` });
    } else nodeIndex.set(node.id, i);
  });
  const edgeIndex = new Map<string, number>();
  doc.edges.forEach((edge, i) => {
    const first = edgeIndex.get(edge.id);
    if (first !== undefined) {
      errors.push({ path: `edges[${i}].id`, message: `"${edge.id}" is already the id of edges[${first}]: give each channel its own id` });
    } else edgeIndex.set(edge.id, i);
  });
  const typeIndex = new Map<string, number>();
  doc.eventTypes.forEach((t, i) => {
    const first = typeIndex.get(t.name);
    if (first !== undefined) {
      errors.push({ path: `eventTypes[${i}].name`, message: `"${t.name}" is already defined at eventTypes[${first}]: merge the two` });
    } else typeIndex.set(t.name, i);
  });
  return errors;
}

type Issue = z.core.$ZodIssue & { input?: unknown };

function issueToError(issue: Issue): FlowError {
  const path = formatPath(issue.path);
  const got = 'input' in issue ? `, got ${describe(issue.input)}` : '';
  switch (issue.code) {
    case 'too_small': {
      const op = issue.inclusive ? '>=' : '>';
      const bound = String(issue.minimum);
      if (issue.origin === 'string') return { path, message: issue.minimum === 1 ? 'must not be empty' : `must have at least ${bound} characters${got}` };
      if (issue.origin === 'array') return { path, message: `must have at least ${bound} item(s)` };
      return { path, message: `must be ${op} ${bound}${got}` };
    }
    case 'too_big': {
      const op = issue.inclusive ? '<=' : '<';
      const bound = String(issue.maximum);
      if (issue.origin === 'string') return { path, message: `must have at most ${bound} characters` };
      if (issue.origin === 'array') return { path, message: `must have at most ${bound} item(s)` };
      return { path, message: `must be ${op} ${bound}${got}` };
    }
    case 'invalid_type':
      if (issue.input === undefined) return { path, message: `is required (${expectedName(issue.expected)})` };
      return { path, message: `must be ${expectedName(issue.expected)}${got}` };
    case 'invalid_value':
      return {
        path,
        message: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${got}`,
      };
    case 'unrecognized_keys':
      return {
        path: formatPath([...issue.path, issue.keys[0] ?? '']),
        message: `is not a known field${issue.keys.length > 1 ? ` (nor are ${issue.keys.slice(1).map((k) => `"${k}"`).join(', ')})` : ''}: remove it or check its spelling`,
      };
    case 'invalid_union': {
      const u = issue as Issue & { discriminator?: string; options?: unknown[] };
      if (u.discriminator && u.options) {
        const input = issue.input as Record<string, unknown> | undefined;
        const value = input && typeof input === 'object' ? input[u.discriminator] : undefined;
        return {
          path: u.path.length && u.path[u.path.length - 1] === u.discriminator ? path : formatPath([...issue.path, u.discriminator]),
          message: `must be ${u.options.map((o) => JSON.stringify(o)).join(' or ')}, got ${describe(value)}`,
        };
      }
      return { path, message: `does not match any allowed form${got}` };
    }
    default:
      return { path, message: `${issue.message}${got && !issue.message.includes('got') ? got : ''}` };
  }
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return expected;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** JSON.parse's messages often carry no position on Node 20: re-read the text to say where and how to fix it. */
function describeJsonError(text: string): FlowError {
  const scanned = scanJson(text, { noun: 'flow file', emptyHint: 'start from a template (New) or an example' });
  const problem = scanned.ok ? undefined : scanned.problems[0];
  if (!problem) return { path: '(document)', message: 'is not valid JSON' };
  const { line, column } = lineColumn(text, problem.offset);
  const path = problem.path === '(pattern)' ? '(document)' : problem.path;
  return { path, message: `is not valid JSON at line ${line}, column ${column}: ${problem.message}` };
}

function dedupe(errors: FlowError[]): FlowError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
