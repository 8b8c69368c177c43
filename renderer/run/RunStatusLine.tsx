import { useEffect, useState } from 'react';
import type { RunStatus } from '../../shared/bridge/runEvents';
import { useDesignStore } from '../design/useDesignStore';
import { useSelectionStore } from '../design/useSelectionStore';
import { isRunLive, useRunStore } from './useRunStore';

/** How often the run time on the status line moves. */
const CLOCK_TICK_MS = 1_000;

/** mm:ss (or h:mm:ss) of a run time in ms. */
export function formatRunTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Events per second as the status line shows it: whole numbers, thousands as `k`. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 10_000) return `${(perSecond / 1000).toFixed(0)}k`;
  if (perSecond >= 1_000) return `${(perSecond / 1000).toFixed(1)}k`;
  return String(Math.round(perSecond));
}

/** The tooltip of the duplicates count: why an event can arrive twice and what became of it. */
export function duplicatesExplained(count: number): string {
  const events = count === 1 ? '1 event' : `${count} events`;
  return (
    `${events} arrived a second time. QoS 1 delivers at least once: after a reconnect or a lost acknowledgement ` +
    'the broker sends a message again. Each repeat was recognised by its event id on its channel and dropped, so it was processed once.'
  );
}

function stateLabel(status: RunStatus): string {
  if (status.state === 'paused') {
    const connection = stateLabel({ ...status, state: 'running' });
    return status.broker.connection === 'connected' ? 'Paused' : `Paused, ${connection}`;
  }
  if (status.state === 'running') {
    switch (status.broker.connection) {
      case 'connected':
        return 'Connected';
      case 'reconnecting':
        return 'Reconnecting…';
      case 'connecting':
        return 'Connecting…';
      case 'offline':
        return 'Broker offline';
      case 'closed':
        return 'Closed';
      default:
        return status.broker.connection;
    }
  }
  switch (status.state) {
    case 'idle':
      return 'Idle';
    case 'starting':
      return 'Starting…';
    case 'stopping':
      return 'Stopping…';
    case 'stopped':
      return 'Stopped';
    case 'failed':
      return 'Failed';
    default:
      return status.state;
  }
}

/**
 * The run status line in the toolbar: connection state (connected, reconnecting), the broker
 * an outside client can watch, events per second over all channels and the run time.
 */
export function RunStatusLine() {
  const status = useRunStore((s) => s.status);
  const rate = useRunStore((s) => s.eventsPerSecond);
  const runTimeMs = useRunStore((s) => s.snapshot?.runTimeMs ?? 0);
  const duplicates = useRunStore((s) => s.snapshot?.duplicates ?? 0);
  const live = isRunLive(status);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, [live]);
  if (!live) return <BrokerChoice />;
  if (!status) return null;
  const elapsed = live && status.startedAt ? now - status.startedAt : runTimeMs;
  const tone = status.state === 'failed' ? 'error' : live ? (status.broker.connection === 'connected' ? 'ok' : 'warn') : 'idle';
  return (
    <div className={`ef-run-status ef-run-status--${tone}`} role="status" aria-label="Run status" data-testid="run-status" data-state={status.state}>
      <span className="ef-run-status__dot" aria-hidden />
      <span className="ef-run-status__state" title={status.message}>
        {stateLabel(status)}
      </span>
      {status.broker.url && (
        <span className="ef-run-status__broker" title={`${status.broker.kind} broker: watch the same traffic with any MQTT client`} data-testid="run-broker-url">
          {status.broker.url}
        </span>
      )}
      <span className="ef-run-status__rate" data-testid="run-rate">
        {formatRate(rate)} ev/s
      </span>
      {duplicates > 0 && (
        <span className="ef-run-status__dup" title={duplicatesExplained(duplicates)} data-testid="run-duplicates">
          {duplicates} dup
        </span>
      )}
      <span className="ef-run-status__time" data-testid="run-time">
        {formatRunTime(elapsed)}
      </span>
    </div>
  );
}

/**
 * Before a run: which broker Run will use (embedded, or the external profile's URL).
 * Clicking it shows the flow's broker settings (URL, MQTT version, username, TLS) in the
 * inspector; the password is asked for when Run starts and kept in memory only.
 */
function BrokerChoice() {
  const broker = useDesignStore((s) => s.doc.broker);
  const last = useRunStore((s) => s.status);
  const label = broker.kind === 'embedded' ? 'Embedded broker' : broker.url;
  return (
    <button
      type="button"
      className={`ef-run-status ef-run-status--${last?.state === 'failed' ? 'error' : 'idle'} ef-run-status--choice`}
      title={last?.state === 'failed' && last.message ? last.message : 'The broker Run uses: click to choose embedded or an external broker profile'}
      aria-label={`Broker: ${label}`}
      data-testid="run-status"
      data-state={last?.state ?? 'idle'}
      onClick={() => useSelectionStore.getState().clear()}
    >
      <span className="ef-run-status__dot" aria-hidden />
      <span className="ef-run-status__state">{last?.state === 'stopped' ? 'Stopped' : last?.state === 'failed' ? 'Failed' : 'Ready'}</span>
      <span className="ef-run-status__broker">{label}</span>
    </button>
  );
}
