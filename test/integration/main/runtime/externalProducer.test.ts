import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BROKER_KINDS, channel, compile, consumer, outsideClient, producer, startTestRun, useBroker, waitFor } from '../../harness/runtimeHarness';

describe.each(BROKER_KINDS)('an external producer on %s', (kind) => {
  const broker = useBroker(kind);

  it('feeds what an outside MQTT client publishes into the flow, and the outside client reads the consumer’s answer', async () => {
    const devices = `devices-${randomBytes(3).toString('hex')}`;
    const t = await startTestRun(
      compile({
        schemaVersion: 1,
        name: 'telemetry',
        eventTypes: [{ name: 'reading.taken' }, { name: 'reading.checked' }],
        nodes: [
          producer('sensors', { eventType: 'reading.taken', mode: 'external', external: { topicFilter: `${devices}/+/readings`, qos: 1 } }),
          consumer('checker', {
            outputs: [{ on: 'success', eventType: 'reading.checked', transform: '{"celsius": data.temp, "hot": data.temp > 30}' }],
          }),
          consumer('dashboard'),
          consumer('rejects'),
        ],
        edges: [
          channel('readings', 'sensors', 'checker', 'plant/readings'),
          channel('checked', 'checker', 'dashboard', 'plant/checked'),
          channel('bad', 'sensors', 'rejects', 'plant/rejects', { deadLetter: true }),
        ],
      }),
      broker.runOptions(),
    );
    const device = await outsideClient(t.url(), [`${t.prefix()}plant/checked`, `${t.prefix()}plant/rejects`]);
    const received = (topic: string) => device.messages.filter((m) => m.topic === `${t.prefix()}${topic}`).map((m) => JSON.parse(m.payload));

    // Plain JSON is wrapped as the data of a new CloudEvent of the producer's type.
    await device.client.publishAsync(`${devices}/d1/readings`, JSON.stringify({ temp: 35 }), { qos: 1 });
    // A CloudEvent is kept as it is.
    const own = { specversion: '1.0', id: 'reading-0001', type: 'reading.taken', source: 'urn:device:d2', time: new Date().toISOString(), data: { temp: 12 }, correlationid: 'batch-7' };
    await device.client.publishAsync(`${devices}/d2/readings`, JSON.stringify(own), { qos: 1 });
    // Anything else goes to the dead-letter channel with the reason.
    await device.client.publishAsync(`${devices}/d3/readings`, 'temp=12', { qos: 1 });

    await waitFor('two answers and one reject', () => received('plant/checked').length === 2 && received('plant/rejects').length === 1);
    await waitFor('the traces', () => t.hops('readings').length === 2);
    const answers = received('plant/checked');
    const wrapped = t.hops('readings').find((r) => r.eventId !== own.id)!;
    expect(wrapped.type).toBe('reading.taken');
    expect(answers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'reading.checked', causationid: wrapped.eventId, data: { celsius: 35, hot: true } }),
        expect.objectContaining({ type: 'reading.checked', causationid: 'reading-0001', correlationid: 'batch-7', data: { celsius: 12, hot: false } }),
      ]),
    );
    const [reject] = received('plant/rejects');
    expect(reject).toMatchObject({ type: 'eventflow.invalid', data: { topic: `${devices}/d3/readings`, payload: 'temp=12' } });
    expect(reject.deadletterreason).toMatch(/is not usable: payload is not JSON/);
    const sensors = t.run.metrics().nodes.find((n) => n.nodeId === 'sensors')!;
    expect(sensors.counters).toMatchObject({ in: 3, out: 2, deadLettered: 1 });
  });
});
