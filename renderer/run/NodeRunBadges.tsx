import type { NodeCounters } from '../../shared/bridge/runEvents';
import type { NodeKind } from '../../shared/flow/FlowDocument';
import { useRunStore } from './useRunStore';

interface Badge {
  key: keyof NodeCounters;
  label: string;
  title: string;
  tone: 'plain' | 'bad' | 'warn';
  /** Shown even at zero (the main flow numbers); the others appear once they are non-zero. */
  always: boolean;
}

const BADGES: readonly Badge[] = [
  { key: 'in', label: 'in', title: 'Events received', tone: 'plain', always: true },
  { key: 'out', label: 'out', title: 'Events sent', tone: 'plain', always: true },
  { key: 'failed', label: 'failed', title: 'Events whose processing failed', tone: 'bad', always: false },
  { key: 'retried', label: 'retried', title: 'Retries of failed attempts', tone: 'warn', always: false },
  { key: 'deadLettered', label: 'DLQ', title: 'Events sent to a dead-letter channel', tone: 'bad', always: false },
  { key: 'inFlight', label: 'in flight', title: 'Events being processed now', tone: 'plain', always: false },
  { key: 'backlog', label: 'backlog', title: 'Events waiting (held by the broker while paused)', tone: 'warn', always: false },
];

/**
 * A node's exact live counters (in, out, failed, retried, dead-lettered, in flight, backlog)
 * from the latest metrics snapshot; nothing before a run. Every value is also a data
 * attribute, so tests read what the user sees.
 */
export function NodeRunBadges({ nodeId, kind }: { nodeId: string; kind: NodeKind }) {
  const metrics = useRunStore((s) => s.nodes[nodeId]);
  if (!metrics) return null;
  const c = metrics.counters;
  const shown = BADGES.filter((b) => (b.always && !(kind === 'producer' && b.key === 'in')) || c[b.key] > 0 || (b.key === 'backlog' && metrics.paused));
  const data = Object.fromEntries(BADGES.map((b) => [`data-${b.key.toLowerCase()}`, c[b.key]]));
  return (
    <div className="ef-run-badges nodrag" data-testid={`node-counters-${nodeId}`} data-paused={metrics.paused} {...data}>
      {metrics.paused && <span className="ef-run-badge ef-run-badge--paused">paused</span>}
      {shown.map((b) => (
        <span key={b.key} className={`ef-run-badge ef-run-badge--${b.tone}`} title={b.title} data-testid={`node-${b.key}-${nodeId}`}>
          <b>{c[b.key].toLocaleString('en-US')}</b> {b.label}
        </span>
      ))}
    </div>
  );
}
