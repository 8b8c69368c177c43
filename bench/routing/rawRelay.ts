import { connectAsync } from 'mqtt';

export const BENCH_IN_TOPIC = 'bench/in';
export const BENCH_OUT_PREFIX = 'bench/out/';

/**
 * The baseline of the routing benchmark: the smallest useful hand-written mqtt.js relay.
 * Subscribe, parse the JSON, route on one field (data.country), republish the same bytes
 * with QoS 1. Like the runtime, it turns Nagle's algorithm off.
 */
export async function startRawRelay(url: string): Promise<{ close(): Promise<void> }> {
  const client = await connectAsync(url, { clientId: `raw-relay-${process.pid}`, clean: true, reconnectPeriod: 0 });
  (client.stream as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
  client.on('message', (_topic, payload) => {
    const event = JSON.parse(payload.toString('utf8')) as { data?: { country?: string } };
    const country = event.data?.country;
    const out = country === 'NL' ? 'nl' : country === 'DE' ? 'de' : 'other';
    client.publish(BENCH_OUT_PREFIX + out, payload, { qos: 1 });
  });
  await client.subscribeAsync(BENCH_IN_TOPIC, { qos: 1 });
  return { close: () => client.endAsync(true) };
}
