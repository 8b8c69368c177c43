import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../../../shared/flow/FlowDocument';
import { migrateFlow } from '../../../../shared/flow/migrateFlow';

describe('migrateFlow', () => {
  it('leaves a current document as it is and applies nothing', () => {
    const doc = { schemaVersion: CURRENT_SCHEMA_VERSION, name: 'x', edges: [] };
    expect(migrateFlow(doc)).toEqual({ ok: true, doc, applied: [] });
  });

  it('turns an unversioned draft into version 1 without touching the input', () => {
    const draft = { name: 'Draft', brokerUrl: 'mqtts://broker.local:8883', channels: [{ id: 'e' }] };
    const before = structuredClone(draft);
    const result = migrateFlow(draft);
    expect(result).toEqual({
      ok: true,
      doc: { name: 'Draft', schemaVersion: 1, edges: [{ id: 'e' }], broker: { kind: 'external', url: 'mqtts://broker.local:8883' } },
      applied: [expect.stringContaining('unversioned draft -> 1')],
    });
    expect(draft).toEqual(before);
  });

  it('keeps edges and broker of a draft that already has them', () => {
    const result = migrateFlow({ name: 'Draft', edges: [{ id: 'new' }], channels: [{ id: 'old' }], broker: { kind: 'embedded' }, brokerUrl: 'mqtt://h' });
    expect(result.ok && result.doc).toEqual({ name: 'Draft', schemaVersion: 1, edges: [{ id: 'new' }], broker: { kind: 'embedded' } });
  });

  it('refuses a version from a newer build, naming both versions', () => {
    const result = migrateFlow({ schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ path: 'schemaVersion', message: expect.stringContaining(`version ${CURRENT_SCHEMA_VERSION + 1}`) }]);
    expect(result.errors[0]!.message).toContain(`reads up to ${CURRENT_SCHEMA_VERSION}`);
  });

  it.each([['1'], [1.5], [-1]])('refuses the schemaVersion %j with the expected form', (version) => {
    const result = migrateFlow({ schemaVersion: version });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ path: 'schemaVersion', message: expect.stringContaining('whole number') });
  });

  it('renames retry.maxAttempts to retry.maxRetries in a version 1 file, keeping the number and saying so', () => {
    const saved = {
      schemaVersion: 1,
      name: 'Saved before the rename',
      nodes: [
        { id: 'shop', kind: 'producer', settings: { eventType: 'order.placed' } },
        { id: 'pay', kind: 'consumer', settings: { retry: { maxAttempts: 3, backoffMs: 100, multiplier: 2 } } },
      ],
    };
    const before = structuredClone(saved);
    const result = migrateFlow(saved);
    expect(result.ok && result.doc.nodes).toEqual([
      { id: 'shop', kind: 'producer', settings: { eventType: 'order.placed' } },
      { id: 'pay', kind: 'consumer', settings: { retry: { maxRetries: 3, backoffMs: 100, multiplier: 2 } } },
    ]);
    expect(result.ok && result.applied).toEqual([expect.stringContaining('retry.maxAttempts is now retry.maxRetries')]);
    expect(saved).toEqual(before);
  });

  it('leaves a file that already says maxRetries as it is', () => {
    const doc = { schemaVersion: 1, name: 'x', nodes: [{ id: 'pay', kind: 'consumer', settings: { retry: { maxRetries: 2 } } }] };
    expect(migrateFlow(doc)).toEqual({ ok: true, doc, applied: [] });
  });
});
