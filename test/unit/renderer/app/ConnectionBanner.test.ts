import { describe, expect, it } from 'vitest';
import type { NodeMetrics, RunStatus } from '../../../../shared/bridge/runEvents';
import { connectionNotice } from '../../../../renderer/app/ConnectionBanner';

const status = (state: RunStatus['state'], connection: RunStatus['broker']['connection']): RunStatus => ({
  state,
  broker: { kind: 'external', url: 'mqtt://broker.local:1883', connection },
  topicPrefix: '',
});

const producer = (nodeId: string, buffered: number, dropped: number): NodeMetrics => ({
  nodeId,
  counters: { in: 0, out: 10, failed: 0, retried: 0, deadLettered: 0, dropped, inFlight: 0, backlog: 0, buffered },
  ratePerSecond: 0,
  latency: { p50: 0, p95: 0, p99: 0, max: 0, count: 0 },
  paused: false,
});

describe('connectionNotice', () => {
  it('says nothing while connected, or when no run is live', () => {
    expect(connectionNotice(status('running', 'connected'), {})).toBeNull();
    expect(connectionNotice(status('stopped', 'reconnecting'), {})).toBeNull();
    expect(connectionNotice(null, {})).toBeNull();
  });

  it('names the broker it is reconnecting to and how many events the producers hold', () => {
    const nodes = { a: producer('a', 120, 0), b: producer('b', 30, 0) };
    expect(connectionNotice(status('running', 'reconnecting'), nodes)).toEqual({
      title: 'Broker connection lost: reconnecting to mqtt://broker.local:1883…',
      detail: 'Producers are buffering 150 events.',
    });
    expect(connectionNotice(status('paused', 'offline'), nodes)?.title).toMatch(/^Broker connection lost/);
  });

  it('says how many events were dropped once the buffer bound was reached', () => {
    const n = connectionNotice(status('running', 'offline'), { a: producer('a', 1, 42) });
    expect(n?.detail).toBe('Producers are buffering 1 event; 42 dropped so far in this run.');
  });
});
