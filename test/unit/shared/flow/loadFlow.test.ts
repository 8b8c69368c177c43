import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '../../../../shared/compile/compileFlow';
import { loadFlow, type LoadResult } from '../../../../shared/flow/loadFlow';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url)), 'utf8');

function errorsOf(result: LoadResult) {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('loadFlow: a valid document', () => {
  it('fills every default the schema declares', () => {
    const result = loadFlow(
      JSON.stringify({
        schemaVersion: 1,
        name: 'Minimal',
        nodes: [
          { id: 'p', kind: 'producer', name: 'Shop', settings: { eventType: 'order.placed' } },
          { id: 'b', kind: 'broker', name: 'Orders' },
          { id: 'c', kind: 'consumer', name: 'Payment' },
        ],
        edges: [{ id: 'e', source: 'p', target: 'c', topic: 'shop/orders' }],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { doc } = result;
    expect(result.migrations).toEqual([]);
    expect(doc.broker).toEqual({ kind: 'embedded' });
    expect(doc.eventTypes).toEqual([]);
    expect(doc.nodes[0]).toMatchObject({
      position: { x: 0, y: 0 },
      settings: { eventType: 'order.placed', mode: 'rate', ratePerSecond: 1, jitter: 0, profile: { kind: 'steady' } },
    });
    expect(doc.nodes[1]).toMatchObject({ settings: { mode: 'fan-out' } });
    expect(doc.nodes[2]!.settings).toEqual({
      role: 'worker',
      durable: true,
      instances: 1,
      concurrency: 1,
      processing: { distribution: 'fixed', ms: 0 },
      retry: { maxRetries: 0, backoffMs: 100, multiplier: 2 },
      outputs: [],
    });
    expect(doc.edges[0]).toEqual({ id: 'e', source: 'p', target: 'c', topic: 'shop/orders', qos: 1, retain: false, deadLetter: false });
  });

  it('loads the hello fixture, which also compiles without a finding', () => {
    const result = loadFlow(fixture('hello.eventflow.json'));
    expect(result.ok).toBe(true);
    if (result.ok) expect(compileFlow(result.doc).diagnostics).toEqual([]);
  });

  it('accepts already-parsed JSON as well as text', () => {
    const result = loadFlow(JSON.parse(fixture('hello.eventflow.json')));
    expect(result.ok).toBe(true);
  });
});

describe('loadFlow: mistakes', () => {
  it('reports the three mistakes of the example fixture, each at its path, and nothing else', () => {
    const errors = errorsOf(loadFlow(fixture('three-mistakes.eventflow.json')));
    expect(errors.map((e) => e.path)).toEqual(['nodes[0].settings.ratePerSecond', 'nodes[1].kind', 'nodes[2].settings.concurrency']);
    expect(errors[0]!.message).toContain('-5');
    expect(errors[1]!.message).toContain('"hub"');
    expect(errors[1]!.message).toContain('"broker"');
    expect(errors[2]!.message).toContain('0');
  });

  it.each([
    ['a missing comma', '{\n  "schemaVersion": 1\n  "name": "x"\n}', '(document)', 3, 3, "add a comma"],
    ['an unquoted key', '{\n  "schemaVersion": 1,\n  name: "x"\n}', '(document)', 3, 3, 'double quotes'],
    ['a trailing comma', '{\n  "schemaVersion": 1,\n  "name": "x",\n}', '(document)', 3, 14, "remove the comma before '}'"],
    ['a cut-off file', '{\n  "schemaVersion": 1,\n  "name": "x"', '(document)', 3, 14, "add '}'"],
    ['a missing value', '{\n  "schemaVersion": 1,\n  "name": ,\n  "nodes": []\n}', 'name', 3, 11, 'expected a value'],
    ['a trailing comma in a list', '{\n  "schemaVersion": 1,\n  "name": "x",\n  "nodes": [1, 2,]\n}', 'nodes', 4, 17, "remove the comma before ']'"],
    ['a file cut off after a key', '{\n  "schemaVersion": 1,\n  "name":', 'name', 3, 10, 'close every {'],
    ['an empty file', '', '(document)', 1, 1, 'start from a template'],
  ])('names the line and column of %s, and the fix', (_what, text, path, line, column, fix) => {
    const errors = errorsOf(loadFlow(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toContain('is not valid JSON');
    expect(errors[0]!.message).toContain(`line ${line}, column ${column}`);
    expect(errors[0]!.message).toContain(fix);
  });

  it('refuses a password under broker and says where the password comes from instead', () => {
    const errors = errorsOf(
      loadFlow({ schemaVersion: 1, name: 'x', broker: { kind: 'external', url: 'mqtt://broker.local:1883', username: 'shop', password: 'hunter2' } }),
    );
    const secret = errors.find((e) => e.path === 'broker.password' && e.message.includes('EVENTFLOW_BROKER_PASSWORD'));
    expect(secret, JSON.stringify(errors)).toBeDefined();
    expect(secret!.message).toContain('never stored in the flow file');
    expect(JSON.stringify(errors)).not.toContain('hunter2');
  });

  it('refuses duplicate node, channel and event type ids, pointing at the first one', () => {
    const errors = errorsOf(
      loadFlow({
        schemaVersion: 1,
        name: 'x',
        eventTypes: [{ name: 'order.placed' }, { name: 'order.placed' }],
        nodes: [
          { id: 'shop', kind: 'producer', name: 'Shop', settings: { eventType: 'order.placed' } },
          { id: 'shop', kind: 'consumer', name: 'Shop again' },
        ],
        edges: [
          { id: 'e1', source: 'shop', target: 'shop', topic: 'a' },
          { id: 'e1', source: 'shop', target: 'shop', topic: 'b' },
        ],
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['nodes[1].id', 'edges[1].id', 'eventTypes[1].name']);
    expect(errors[0]!.message).toContain('nodes[0]');
    expect(errors[1]!.message).toContain('edges[0]');
    expect(errors[2]!.message).toContain('eventTypes[0]');
  });

  it('refuses something that is not a JSON object', () => {
    for (const input of ['[]', '42', 'null', '"flow"']) {
      const errors = errorsOf(loadFlow(input));
      expect(errors).toEqual([{ path: '(document)', message: expect.stringContaining('must be a JSON object') }]);
    }
  });
});

describe('loadFlow: migrations', () => {
  it('migrates an unversioned draft: channels become edges, brokerUrl becomes an external broker', () => {
    const result = loadFlow({
      name: 'Old draft',
      brokerUrl: 'mqtt://broker.local:1883',
      nodes: [
        { id: 'p', kind: 'producer', name: 'Shop', settings: { eventType: 'order.placed' } },
        { id: 'c', kind: 'consumer', name: 'Payment' },
      ],
      channels: [{ id: 'e', source: 'p', target: 'c', topic: 'shop/orders' }],
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.doc.schemaVersion).toBe(1);
    expect(result.doc.edges.map((e) => e.id)).toEqual(['e']);
    expect(result.doc.broker).toMatchObject({ kind: 'external', url: 'mqtt://broker.local:1883' });
    expect(result.migrations).toHaveLength(1);
    expect(result.migrations[0]).toContain('channels');
  });

  it('loads a file saved before retry.maxAttempts was renamed: the same number of retries, and the user is told to save', () => {
    const result = loadFlow({
      schemaVersion: 1,
      name: 'Saved last month',
      nodes: [
        { id: 'p', kind: 'producer', name: 'Shop', settings: { eventType: 'order.placed' } },
        { id: 'c', kind: 'consumer', name: 'Payment', settings: { transientError: { probability: 0.1 }, retry: { maxAttempts: 3, backoffMs: 50, multiplier: 2 } } },
      ],
      edges: [{ id: 'e', source: 'p', target: 'c', topic: 'shop/orders' }],
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.doc.nodes[1]!.settings).toMatchObject({ retry: { maxRetries: 3, backoffMs: 50, multiplier: 2 } });
    expect(result.migrations).toEqual([expect.stringContaining('retry.maxRetries')]);
  });

  it('names the old field when a file has both retry.maxAttempts and retry.maxRetries', () => {
    const errors = errorsOf(
      loadFlow({ schemaVersion: 1, name: 'x', nodes: [{ id: 'c', kind: 'consumer', name: 'Payment', settings: { retry: { maxAttempts: 3, maxRetries: 3 } } }] }),
    );
    expect(errors).toEqual([{ path: 'nodes[0].settings.retry.maxAttempts', message: expect.stringContaining('is not a known field') }]);
  });

  it('refuses a file from a newer version and says to update the app', () => {
    const errors = errorsOf(loadFlow({ schemaVersion: 2, name: 'From the future', nodes: [] }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('schemaVersion');
    expect(errors[0]!.message).toContain('newer');
    expect(errors[0]!.message).toContain('update the app');
  });
});

describe('loadFlow: fuzzed input', () => {
  const checkErrors = (result: LoadResult) => {
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) {
      expect(typeof e.path).toBe('string');
      expect(e.path.length).toBeGreaterThan(0);
      expect(typeof e.message).toBe('string');
      expect(e.message.length).toBeGreaterThan(0);
    }
  };

  it('never throws on any JSON value, given as value or as text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        checkErrors(loadFlow(value));
        checkErrors(loadFlow(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => checkErrors(loadFlow(text))),
      { numRuns: 500 },
    );
  });

  /** Every place in a JSON value: the path to it, as keys and indexes. */
  function placesIn(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (path.length > 0) out.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => placesIn(v, [...path, i], out));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) placesIn(v, [...path, k], out);
    return out;
  }

  function mutate(doc: unknown, path: (string | number)[], action: 'delete' | 'replace', replacement: unknown): unknown {
    const copy = structuredClone(doc) as Record<string | number, unknown>;
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (action === 'replace') parent[last] = replacement;
    else if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
    return copy;
  }

  const valid = JSON.parse(fixture('hello.eventflow.json')) as unknown;
  const places = placesIn(valid);

  it('never throws on a valid document with fields deleted or replaced, and what loads also compiles', () => {
    const mutation = fc.record({
      place: fc.nat({ max: places.length - 1 }),
      action: fc.constantFrom('delete' as const, 'replace' as const),
      replacement: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, '', 'x', null, [], {}, 1e6)),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        let doc = valid;
        for (const m of mutations) {
          const all = placesIn(doc);
          if (all.length === 0) break;
          doc = mutate(doc, all[m.place % all.length]!, m.action, m.replacement);
        }
        const result = loadFlow(doc);
        checkErrors(result);
        if (result.ok) expect(() => compileFlow(result.doc)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
