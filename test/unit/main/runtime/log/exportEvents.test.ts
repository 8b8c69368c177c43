import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportEvents } from '../../../../../main/runtime/log/exportEvents';
import { importEvents, type ImportProblem } from '../../../../../main/runtime/log/importEvents';
import { openEventLog } from '../../../../../main/runtime/log/openEventLog';
import { collect, hop, tempDir } from './hopRecords';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

describe('exportEvents and importEvents', () => {
  it('round-trips a query result: export then import gives the same events, each once, without the replayed ones', async () => {
    const log = await openEventLog({ dir: join(dir, 'log') });
    log.append(hop(1, { eventId: 'o1', correlationId: 'c-1', edgeId: 'e-store-broker', data: { total: 12.5, items: ['a', 'b'], note: 'é ✓' } }));
    log.append(hop(2, { eventId: 'o1', correlationId: 'c-1', edgeId: 'e-broker-payment', outcome: 'routed' }));
    log.append(hop(3, { eventId: 'p1', correlationId: 'c-1', causationId: 'o1', type: 'payment.succeeded', edgeId: 'e-payment-store' }));
    log.append(hop(4, { eventId: 'o9', correlationId: 'c-9', edgeId: 'e-store-broker' }));
    log.append(hop(5, { eventId: 'p1', correlationId: 'c-1', causationId: 'o1', type: 'payment.succeeded', edgeId: 'e-payment-store', replayId: 'r-7' }));
    const file = join(dir, 'c-1.ndjson');
    const summary = await exportEvents(log.query({ correlationId: 'c-1' }), file);
    await log.close();
    expect(summary).toEqual({ events: 2, repeatedHops: 1, withoutEvent: 0, replayHops: 1 });

    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => !l.includes('replayid'))).toBe(true);

    const problems: ImportProblem[] = [];
    const imported = await collect(importEvents(file, (p) => problems.push(p)));
    expect(problems).toEqual([]);
    expect(imported).toEqual([hop(1, { eventId: 'o1', correlationId: 'c-1', data: { total: 12.5, items: ['a', 'b'], note: 'é ✓' } }).event, hop(3, { eventId: 'p1', correlationId: 'c-1', causationId: 'o1', type: 'payment.succeeded' }).event]);
  });

  it('reports every bad line of an imported file with its line number and keeps going', async () => {
    const good = (id: string): string => JSON.stringify({ specversion: '1.0', id, type: 'order.placed', source: 'x', time: '2026-03-01T10:00:00Z', data: {} });
    const file = join(dir, 'mixed.ndjson');
    await writeFile(
      file,
      [
        good('a'),
        '{"specversion":"1.0","id":"b"', // cut JSON
        '',
        JSON.stringify({ specversion: '0.3', id: 'c', type: 't', source: 's' }),
        good('d'),
        'hello',
        good('e'), // no final newline: still a line
      ].join('\n'),
    );
    const problems: ImportProblem[] = [];
    const events = await collect(importEvents(file, (p) => problems.push(p)));
    expect(events.map((e) => e.id)).toEqual(['a', 'd', 'e']);
    expect(events[0]?.correlationid).toBe('a'); // filled in, as the runtime does for outside events
    expect(problems.map((p) => p.line)).toEqual([2, 4, 6]);
    expect(problems[1]?.message).toContain('specversion: must be "1.0"');
    expect(problems[2]?.message).toContain('not JSON');
  });
});
