import { useMemo, useState } from 'react';
import { notify } from '../app/useNoticeStore';
import { requireBridge } from '../bridge/useBridgeStore';
import { isRunLive, useRunStore } from '../run/useRunStore';

/** Replay speeds offered (multiples of the original pace). */
export const REPLAY_SPEEDS = [1, 5, 10, 50, 100] as const;
/** Bars on the timeline. */
const TIMELINE_BARS = 60;

/**
 * Replay over the event log: a timeline of the run's traffic where a time range is chosen
 * (or a correlation id, prefilled from the highlighted path), and a speed. Replayed events
 * go back through the running flow and animate as diamonds.
 */
export function ReplayPanel() {
  const history = useRunStore((s) => s.history);
  const status = useRunStore((s) => s.status);
  const pathCorrelation = useRunStore((s) => s.path?.correlationId ?? '');
  const live = isRunLive(status);
  const [range, setRange] = useState<[number, number]>([0, 1]);
  const [correlationId, setCorrelationId] = useState('');
  const [speed, setSpeed] = useState<number>(10);
  const [replay, setReplay] = useState<{ id: string; count: number } | null>(null);

  const start = status?.startedAt ?? history[0]?.at ?? 0;
  const end = history.at(-1)?.at ?? 0;
  const bars = useMemo(() => {
    const out = new Array<number>(TIMELINE_BARS).fill(0);
    if (end <= start) return out;
    for (const snap of history) {
      const i = Math.min(TIMELINE_BARS - 1, Math.floor(((snap.at - start) / (end - start)) * TIMELINE_BARS));
      out[i] = Math.max(out[i] as number, snap.edges.reduce((n, e) => n + e.ratePerSecond, 0));
    }
    return out;
  }, [history, start, end]);
  const peak = Math.max(1, ...bars);
  const since = Math.round(start + (end - start) * range[0]);
  const until = Math.round(start + (end - start) * range[1]);
  const corr = correlationId.trim() || pathCorrelation;

  const go = async () => {
    try {
      // The timeline is this run (from its start); its right end means "until now".
      const params = corr ? { correlationId: corr, speed } : { since, ...(range[1] < 1 ? { until } : {}), speed };
      const { replayId, eventCount } = await requireBridge().call('startReplay', params);
      setReplay({ id: replayId, count: eventCount });
      notify('info', `Replaying ${eventCount} event(s) at ${speed}×`);
    } catch (err) {
      notify('error', `Could not replay: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const stop = async () => {
    if (!replay) return;
    await requireBridge()
      .call('stopReplay', { replayId: replay.id })
      .catch(() => undefined);
    setReplay(null);
  };

  return (
    <div className="ef-replay" data-testid="replay-panel">
      <div className="ef-replay__timeline" aria-label="Traffic over the run">
        {bars.map((b, i) => {
          const inRange = i / TIMELINE_BARS >= range[0] && (i + 1) / TIMELINE_BARS <= range[1] + 1e-9;
          return <span key={i} className={`ef-replay__bar${inRange && !corr ? ' is-in' : ''}`} style={{ height: `${Math.max(4, (b / peak) * 100)}%` }} />;
        })}
      </div>
      <div className="ef-replay__range">
        <input type="range" min={0} max={1} step={0.01} value={range[0]} aria-label="Replay from" onChange={(e) => setRange([Math.min(Number(e.target.value), range[1]), range[1]])} />
        <input type="range" min={0} max={1} step={0.01} value={range[1]} aria-label="Replay until" onChange={(e) => setRange([range[0], Math.max(Number(e.target.value), range[0])])} />
        <span className="ef-replay__times">
          {end > start ? `${new Date(since).toLocaleTimeString('en-GB')} – ${new Date(until).toLocaleTimeString('en-GB')}` : 'no traffic yet'}
        </span>
      </div>
      <div className="ef-replay__controls">
        <label>
          Correlation id
          <input type="text" value={correlationId} placeholder={pathCorrelation || 'all in the range'} onChange={(e) => setCorrelationId(e.target.value)} aria-label="Correlation id" />
        </label>
        <label>
          Speed
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Replay speed">
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="ef-button ef-button--primary"
          disabled={end <= start}
          title={live ? 'Send the selected events through the running flow again' : 'Start the flow again with idle producers and send the selected events through it'}
          onClick={() => void go()}
        >
          Replay
        </button>
        {replay && (
          <button type="button" className="ef-button" onClick={() => void stop()}>
            Stop replay
          </button>
        )}
        {replay && <span className="ef-replay__info">{replay.count} event(s) replaying</span>}
      </div>
    </div>
  );
}
