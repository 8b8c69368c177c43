import type { MqttClient } from 'mqtt';

/** The first retry after a lost connection. */
export const RECONNECT_MIN_MS = 250;
/** Retries back off exponentially up to this period. */
export const RECONNECT_MAX_MS = 10_000;

/**
 * mqtt.js retries at a fixed `reconnectPeriod`; double it on every failed attempt (bounded by
 * RECONNECT_MAX_MS) and start over once connected, so a broker restart is picked up quickly
 * while a broker that is gone for good is not hammered.
 */
export function attachReconnectBackoff(client: MqttClient): void {
  client.options.reconnectPeriod = RECONNECT_MIN_MS;
  client.on('connect', () => {
    client.options.reconnectPeriod = RECONNECT_MIN_MS;
  });
  client.on('reconnect', () => {
    const current = client.options.reconnectPeriod ?? RECONNECT_MIN_MS;
    client.options.reconnectPeriod = Math.min(RECONNECT_MAX_MS, Math.max(RECONNECT_MIN_MS, current * 2));
  });
}
