import { connect } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { attachReconnectBackoff, RECONNECT_MAX_MS, RECONNECT_MIN_MS } from '../../../../../main/runtime/broker/reconnectBackoff';
import { freePort } from '../../../../integration/harness/freePort';

describe('attachReconnectBackoff', () => {
  it('retries a lost broker after RECONNECT_MIN_MS, then doubles the wait on every failed attempt', async () => {
    expect(RECONNECT_MIN_MS).toBeLessThan(RECONNECT_MAX_MS);
    // Taken, then released: nothing listens there.
    const port = await freePort();
    const client = connect(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: RECONNECT_MIN_MS, connectTimeout: 1_000 });
    client.on('error', () => {});
    attachReconnectBackoff(client);
    const attempts: number[] = [];
    const started = Date.now();
    client.on('reconnect', () => attempts.push(Date.now() - started));
    try {
      await new Promise((r) => setTimeout(r, RECONNECT_MIN_MS * (1 + 2 + 4) + 600));
    } finally {
      client.end(true);
    }
    const gaps = attempts.map((t, i) => t - (i === 0 ? 0 : attempts[i - 1]!));
    // 250, 500, 1000 ms (timers are late, never early), not a retry every 250 ms.
    expect(attempts.length, `attempts at ${attempts.join(', ')} ms`).toBe(3);
    expect(gaps[1]!).toBeGreaterThanOrEqual(RECONNECT_MIN_MS * 2 - 20);
    expect(gaps[2]!).toBeGreaterThanOrEqual(RECONNECT_MIN_MS * 4 - 20);
  });
});
