import type { MqttClient } from 'mqtt';
import type { BrokerEndpoint } from './BrokerEndpoint';
import { connectMqttClient } from './connectMqttClient';
import { BrokerConnectionError } from './BrokerConnectionError';

/** How long the probe waits for its own message through a shared subscription. */
export const SHARED_SUBSCRIPTION_PROBE_MS = 400;
/** How long the MQTT 5 attempt may take before the probe settles for 3.1.1. */
export const MQTT5_PROBE_TIMEOUT_MS = 2_000;

export interface BrokerCapabilities {
  mqtt5: boolean;
  sharedSubscriptions: boolean;
}

/**
 * Find out what the broker can do by trying it: connect with MQTT 5 (a 3.1.1-only broker such
 * as aedes refuses), then subscribe to `$share/<group>/<topic>` and publish one message on
 * `<topic>`: only a broker that implements shared subscriptions delivers it (one that does
 * not treats the filter as a literal topic that nothing is published on). An unreachable
 * broker rejects with a BrokerConnectionError.
 *
 * @example
 * await probeCapabilities(endpoint, 'eventflow-probe/1a2b') // => { mqtt5: true, sharedSubscriptions: true } on Mosquitto 2
 */
export async function probeCapabilities(endpoint: BrokerEndpoint, probeTopic: string): Promise<BrokerCapabilities> {
  const clientId = `ef-probe-${probeTopic.replace(/[^A-Za-z0-9]/g, '').slice(-16)}`;
  let client: MqttClient | undefined;
  let mqtt5 = false;
  let sharedAdvertised = true;
  try {
    client = await connectMqttClient(endpoint, { clientId, clean: true, protocolVersion: 5 }, () => {}, MQTT5_PROBE_TIMEOUT_MS);
    mqtt5 = true;
  } catch (err) {
    if (!(err instanceof BrokerConnectionError) || err.problem === 'unreachable' || err.problem === 'tls') throw err;
  }
  if (client) {
    // MQTT 5 brokers may say outright that they have no shared subscriptions (absent = available).
    const connack = (client as unknown as { connackPacket?: { properties?: { sharedSubscriptionAvailable?: boolean } } }).connackPacket;
    sharedAdvertised = connack?.properties?.sharedSubscriptionAvailable !== false;
  } else {
    client = await connectMqttClient(endpoint, { clientId, clean: true, protocolVersion: 4 });
  }
  try {
    const sharedSubscriptions = sharedAdvertised && (await sharedSubscriptionWorks(client, probeTopic));
    return { mqtt5, sharedSubscriptions };
  } finally {
    client.options.reconnectPeriod = 0;
    await client.endAsync(true).catch(() => {});
  }
}

async function sharedSubscriptionWorks(client: MqttClient, topic: string): Promise<boolean> {
  const payload = `probe-${Date.now()}`;
  const received = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), SHARED_SUBSCRIPTION_PROBE_MS);
    client.on('message', (t, message) => {
      if (t === topic && message.toString() === payload) {
        clearTimeout(timer);
        resolve(true);
      }
    });
  });
  try {
    const granted = await client.subscribeAsync(`$share/eventflow-probe/${topic}`, { qos: 0 });
    if (granted.some((g) => g.qos >= 128)) return false;
    await client.publishAsync(topic, payload, { qos: 0 });
  } catch {
    return false;
  }
  return received;
}
