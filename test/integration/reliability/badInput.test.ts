import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES } from '../../../shared/events/CloudEvent';
import { EXPRESSION_TIMEOUT_MS, MAX_EXPRESSION_OUTPUT_BYTES } from '../../../main/runtime/expressions/compileExpression';
import { channel, compile, consumer, outsideClient, producer, startTestRun, waitFor } from '../harness/runtimeHarness';

/** A consumer whose outputs run user JSONata: one loops for ever, one doubles a string into megabytes, one is fine. */
const expressionFlow = () =>
  compile(
    {
      schemaVersion: 1,
      name: 'bad input',
      eventTypes: [{ name: 'job' }, { name: 'done' }],
      nodes: [
        producer('shop', { eventType: 'job', mode: 'manual' }),
        consumer('work', {
          outputs: [
            { on: 'success', eventType: 'done', when: "data.mode = 'loop'", transform: '($f := function($n) { $f($n + 1) }; $f(0))' },
            {
              on: 'success',
              eventType: 'done',
              when: "data.mode = 'huge'",
              transform: '($d := function($s, $n) { $n = 0 ? $s : $d($s & $s, $n - 1) }; $d("0123456789abcdef", 20))',
            },
            { on: 'success', eventType: 'done', when: "data.mode = 'fine'", transform: '{"n": data.n}' },
          ],
        }),
        consumer('sink'),
        consumer('dlq'),
      ],
      edges: [
        channel('jobs', 'shop', 'work', 'work/jobs'),
        channel('done', 'work', 'sink', 'work/done'),
        channel('dead', 'work', 'dlq', 'work/dead', { deadLetter: true }),
      ],
    },
    'aedes',
  );

describe('bad input never crashes a run', () => {
  it('dead-letters a payload larger than MAX_EVENT_BYTES with the reason, and the run goes on', async () => {
    const t = await startTestRun(expressionFlow());
    const outside = await outsideClient(t.url(), ['work/dead']);
    const big = JSON.stringify({ specversion: '1.0', id: 'big', type: 'job', source: 'x', data: 'x'.repeat(MAX_EVENT_BYTES) });
    await outside.client.publishAsync('work/jobs', big, { qos: 1 });
    await waitFor('the dead letter', () => outside.messages.length === 1);
    const letter = JSON.parse(outside.messages[0]!.payload) as { type: string; deadletterreason: string; data: { truncated: boolean } };
    expect(letter.type).toBe('eventflow.invalid');
    expect(letter.deadletterreason).toBe(`not a CloudEvent: payload is ${Buffer.byteLength(big)} bytes; the limit is ${MAX_EVENT_BYTES} bytes`);
    expect(letter.data.truncated).toBe(true);
    await waitFor('the trace', () => t.hops('jobs', 'dead-lettered').length === 1);

    const id = await t.run.fire('shop', { mode: 'fine', n: 1 });
    await waitFor('a normal event after it', () => t.hops('done', 'delivered').some((r) => r.causationId === id));
    expect(t.run.status().state).toBe('running');
  });

  it('stops a runaway or huge JSONata expression, dead-letters the event with the reason, and the run goes on', async () => {
    const t = await startTestRun(expressionFlow());
    const started = Date.now();
    const loop = await t.run.fire('shop', { mode: 'loop' });
    const huge = await t.run.fire('shop', { mode: 'huge' });
    const fine = await t.run.fire('shop', { mode: 'fine', n: 2 });
    await waitFor('three outcomes', () => t.hops('jobs').length === 3 && t.hops('done').length === 1);
    // Bounded: the runaway one is stopped after EXPRESSION_TIMEOUT_MS, not left spinning.
    expect(Date.now() - started).toBeLessThan(EXPRESSION_TIMEOUT_MS * 8);

    const byId = new Map(t.hops('jobs').map((r) => [r.eventId, r]));
    expect(byId.get(loop)).toMatchObject({ outcome: 'dead-lettered' });
    expect(byId.get(loop)!.reason).toMatch(new RegExp(`^work \\(work\\) settings\\.outputs\\[0\\]\\.transform: evaluation (took longer than ${EXPRESSION_TIMEOUT_MS} ms|nested deeper than \\d+ levels) and was stopped$`));
    expect(byId.get(huge)).toMatchObject({ outcome: 'dead-lettered' });
    expect(byId.get(huge)!.reason).toMatch(new RegExp(`outputs\\[1\\]\\.transform: the result is \\d+ bytes of JSON; the limit is ${MAX_EXPRESSION_OUTPUT_BYTES} bytes`));
    expect(byId.get(fine)).toMatchObject({ outcome: 'delivered' });
    await waitFor('both dead letters at the dead-letter consumer', () => t.hops('dead', 'delivered').length === 2);
    const work = t.run.metrics().nodes.find((n) => n.nodeId === 'work')!.counters;
    expect(work).toMatchObject({ in: 3, out: 1, deadLettered: 2 });
    expect(t.run.status().state).toBe('running');
  });
});
