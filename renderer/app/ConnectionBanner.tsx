import { WifiOff } from 'lucide-react';
import type { NodeMetrics, RunStatus } from '../../shared/bridge/runEvents';
import { useRunStore } from '../run/useRunStore';

export interface ConnectionNotice {
  title: string;
  detail: string;
}

/**
 * What the canvas says while a live run has lost its broker: which broker, that it is
 * reconnecting, and how many events the producers hold (and have dropped so far). Null while
 * connected, or when no run is live.
 *
 * @example
 * connectionNotice({ state: 'running', broker: { kind: 'external', url: 'mqtt://h:1883', connection: 'reconnecting' }, topicPrefix: '' }, {})
 * // => { title: 'Broker connection lost: reconnecting to mqtt://h:1883…', detail: 'Producers are buffering 0 events.' }
 */
export function connectionNotice(status: RunStatus | null, nodes: Readonly<Record<string, NodeMetrics>>): ConnectionNotice | null {
  if (!status || (status.state !== 'running' && status.state !== 'paused')) return null;
  const connection = status.broker.connection;
  let title: string;
  switch (connection) {
    case 'connected':
    case 'closed':
      return null;
    case 'connecting':
      title = `Connecting to the broker at ${status.broker.url}…`;
      break;
    case 'offline':
    case 'reconnecting':
      title = `Broker connection lost: reconnecting to ${status.broker.url}…`;
      break;
    default: {
      const never: never = connection;
      return never;
    }
  }
  let buffered = 0;
  let dropped = 0;
  for (const n of Object.values(nodes)) {
    buffered += n.counters.buffered;
    dropped += n.counters.dropped;
  }
  const held = `Producers are buffering ${buffered} event${buffered === 1 ? '' : 's'}`;
  return { title, detail: dropped > 0 ? `${held}; ${dropped} dropped so far in this run.` : `${held}.` };
}

/** A banner over the canvas while the run's broker connection is down (the toolbar status line says it too). */
export function ConnectionBanner() {
  const status = useRunStore((s) => s.status);
  const nodes = useRunStore((s) => s.nodes);
  const notice = connectionNotice(status, nodes);
  if (!notice) return null;
  return (
    <div className="ef-banner" role="status" aria-live="polite" aria-label="Broker connection" data-testid="connection-banner">
      <WifiOff size={18} aria-hidden className="ef-banner__icon" />
      <div className="ef-banner__text">
        <strong>{notice.title}</strong>
        <span className="ef-muted"> {notice.detail}</span>
      </div>
    </div>
  );
}
