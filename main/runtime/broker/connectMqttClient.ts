import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { BrokerEndpoint } from './BrokerEndpoint';
import { BrokerConnectionError } from './BrokerConnectionError';
import { attachReconnectBackoff } from './reconnectBackoff';

/** How long the first connection of a client may take before the run gives up on the broker. */
export const FIRST_CONNECT_TIMEOUT_MS = 5_000;
/** MQTT 5: how long the broker keeps a durable consumer's session (and its queued events) while it is away. */
export const SESSION_EXPIRY_SECONDS = 24 * 60 * 60;

export interface ClientSession {
  clientId: string;
  /** false: a persistent session (durable consumers); the broker queues QoS 1 events while we are away. */
  clean: boolean;
  protocolVersion: 4 | 5;
}

/**
 * Connect one MQTT client and resolve once the broker has accepted it (CONNACK), or reject
 * within `timeoutMs` with a BrokerConnectionError naming the URL and the fix. Once connected,
 * the client reconnects by itself with exponential backoff; `onError` hears later errors (an
 * `error` event with no listener would crash the process).
 *
 * @example
 * const client = await connectMqttClient(endpoint, { clientId: 'ef-shop-pay-0', clean: false, protocolVersion: 4 });
 */
export function connectMqttClient(
  endpoint: BrokerEndpoint,
  session: ClientSession,
  onError: (err: Error) => void = () => {},
  timeoutMs = FIRST_CONNECT_TIMEOUT_MS,
  /**
   * Called with the client before it connects: attach 'message' here. A broker that kept a
   * persistent session sends the queued events right behind the CONNACK, in the same read.
   */
  prepare: (client: MqttClient) => void = () => {},
): Promise<MqttClient> {
  const options: IClientOptions = {
    ...endpoint.clientOptions,
    clientId: session.clientId,
    clean: session.clean,
    protocolVersion: session.protocolVersion,
    reconnectPeriod: 0,
    connectTimeout: timeoutMs,
    resubscribe: false,
    // Publishing while disconnected queues in the client (counted as `buffered`), QoS 0 included.
    queueQoSZero: true,
  };
  if (session.protocolVersion === 5 && !session.clean) options.properties = { sessionExpiryInterval: SESSION_EXPIRY_SECONDS };
  return new Promise((resolve, reject) => {
    const client = connect(endpoint.url, options);
    prepare(client);
    // Small MQTT packets must not wait for Nagle's algorithm (tens of ms per hop otherwise).
    client.on('connect', () => (client.stream as { setNoDelay?: (on: boolean) => void } | undefined)?.setNoDelay?.(true));
    let settled = false;
    const timer = setTimeout(() => fail(timeoutError(endpoint.url, timeoutMs)), timeoutMs + 100);
    // Only our own listeners are removed: mqtt.js reconnects from a 'close' listener of its own.
    const onFirstError = (err: Error) => fail(translateError(endpoint.url, err));
    const onFirstClose = () => fail(unreachable(endpoint.url, 'the connection closed before the broker answered'));
    const fail = (err: BrokerConnectionError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeAllListeners('message');
      client.off('close', onFirstClose);
      client.on('error', () => {});
      client.end(true);
      reject(err);
    };
    client.on('error', onFirstError);
    client.on('close', onFirstClose);
    client.once('connect', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.off('error', onFirstError);
      client.off('close', onFirstClose);
      client.on('error', onError);
      attachReconnectBackoff(client);
      resolve(client);
    });
  });
}

const AUTH_CODES = new Set([4, 5, 134, 135]);
const PROTOCOL_CODES = new Set([1, 132]);
const TLS_CODE = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/;

function translateError(url: string, err: Error): BrokerConnectionError {
  const code = (err as { code?: string | number }).code;
  if (typeof code === 'number' && AUTH_CODES.has(code)) {
    return new BrokerConnectionError(
      'refused',
      url,
      `The MQTT broker at ${url} refused the connection: ${err.message}. Check broker.username in the flow and the password (EVENTFLOW_BROKER_PASSWORD or the prompt).`,
    );
  }
  if (typeof code === 'number' && PROTOCOL_CODES.has(code)) {
    return new BrokerConnectionError(
      'refused',
      url,
      `The MQTT broker at ${url} does not accept this MQTT version (${err.message}): set broker.mqttVersion to "3.1.1" in the flow.`,
    );
  }
  if (typeof code === 'string' && TLS_CODE.test(code)) {
    return new BrokerConnectionError(
      'tls',
      url,
      `The TLS handshake with the MQTT broker at ${url} failed (${code}: ${err.message}). Give the broker's CA in broker.tls.caFile, or fix the client certificate and key.`,
    );
  }
  if (typeof code === 'number') {
    return new BrokerConnectionError('refused', url, `The MQTT broker at ${url} refused the connection: ${err.message} (reason code ${code}).`);
  }
  return unreachable(url, code ? `${code}: ${err.message}` : err.message);
}

function unreachable(url: string, detail: string): BrokerConnectionError {
  return new BrokerConnectionError(
    'unreachable',
    url,
    `Cannot reach the MQTT broker at ${url} (${detail}). Check that the broker is running and that the host and port are right, or leave out --broker to run on the embedded broker.`,
  );
}

function timeoutError(url: string, ms: number): BrokerConnectionError {
  return new BrokerConnectionError(
    'timeout',
    url,
    `The MQTT broker at ${url} did not accept a connection within ${ms} ms. Check that the host and port are right and that no firewall drops the traffic, or leave out --broker to run on the embedded broker.`,
  );
}
