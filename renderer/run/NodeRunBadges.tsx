import { Ban, CircleX, Hourglass, Inbox, PackageOpen, RotateCcw, Skull, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import type { NodeCounters } from '../../shared/bridge/runEvents';
import type { NodeKind } from '../../shared/flow/FlowDocument';
import { fitCounterChips } from '../canvas/nodes/fitCounterChips';
import { useRunStore } from './useRunStore';

interface Badge {
  key: keyof NodeCounters;
  /** A word after the number (the main flow numbers), or an icon before it (the rest). */
  word?: string;
  Icon?: LucideIcon;
  title: string;
  tone: 'plain' | 'bad' | 'warn';
  /** Shown even at zero (the main flow numbers); the others appear once they are non-zero. */
  always: boolean;
}

/** In the order they claim room on the card: what flows first, then what went wrong, then what waits. */
const BADGES: readonly Badge[] = [
  { key: 'in', word: 'in', title: 'Events received', tone: 'plain', always: true },
  { key: 'out', word: 'out', title: 'Events sent', tone: 'plain', always: true },
  { key: 'backlog', Icon: Inbox, title: 'Backlog: events waiting (held by the broker while paused)', tone: 'warn', always: false },
  { key: 'failed', Icon: CircleX, title: 'Failed: events whose processing failed', tone: 'bad', always: false },
  { key: 'deadLettered', Icon: Skull, title: 'Dead-lettered: events sent to a dead-letter channel', tone: 'bad', always: false },
  { key: 'retried', Icon: RotateCcw, title: 'Retried: retries of failed attempts', tone: 'warn', always: false },
  { key: 'dropped', Icon: Ban, title: 'Dropped: events lost (a bound was reached)', tone: 'bad', always: false },
  { key: 'buffered', Icon: PackageOpen, title: 'Buffered: events held while the broker is unreachable', tone: 'warn', always: false },
  { key: 'inFlight', Icon: Hourglass, title: 'In flight: events being processed now', tone: 'plain', always: false },
];

/**
 * A node's exact live counters (in, out, backlog, failed, dead-lettered, retried, dropped,
 * buffered, in flight) from the latest metrics snapshot, on one row of the card: `idle` (the
 * design summary) is shown there before a run, so the card keeps its height when a run
 * starts. Counters with no room fold into a "+N" chip whose title lists them. Every value
 * is also a data attribute, so tests read what the user sees.
 */
export function NodeRunBadges({ nodeId, kind, idle }: { nodeId: string; kind: NodeKind; idle: ReactNode }) {
  const metrics = useRunStore((s) => s.nodes[nodeId]);
  if (!metrics) return <>{idle}</>;
  const c = metrics.counters;
  const wanted = BADGES.filter(
    (b) => (b.always && !(kind === 'producer' && b.key === 'in')) || c[b.key] > 0 || (b.key === 'backlog' && metrics.paused),
  ).map((b) => ({ ...b, value: c[b.key] }));
  const { shown, folded } = fitCounterChips(wanted, wanted.filter((b) => b.always).length);
  const data = Object.fromEntries(BADGES.map((b) => [`data-${b.key.toLowerCase()}`, c[b.key]]));
  const describe = (b: Badge) => `${b.title.split(':')[0]}: ${c[b.key].toLocaleString('en-US')}`;
  return (
    <div
      className="ef-run-badges nodrag"
      data-testid={`node-counters-${nodeId}`}
      data-paused={metrics.paused}
      title={wanted.map(describe).join('\n')}
      {...data}
    >
      {shown.map((b) => (
        <span key={b.key} className={`ef-run-badge ef-run-badge--${b.tone}`} title={describe(b)} aria-label={describe(b)} data-testid={`node-${b.key}-${nodeId}`}>
          {b.Icon && <b.Icon size={10} strokeWidth={2.5} aria-hidden />}
          <b>{b.value.toLocaleString('en-US')}</b>
          {b.word && ` ${b.word}`}
        </span>
      ))}
      {folded.length > 0 && (
        <span className="ef-run-badge ef-run-badge--more" title={folded.map(describe).join('\n')} data-testid={`node-more-${nodeId}`}>
          +{folded.length}
        </span>
      )}
    </div>
  );
}
