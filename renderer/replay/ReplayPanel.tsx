import { Pause, Play, RotateCcw, Square, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { LogRun } from '../../shared/bridge/bridgeMethods';
import { isReplayOnlyRun } from '../../shared/bridge/isReplayOnlyRun';
import type { ReplayProgress } from '../../shared/bridge/runEvents';
import { notify } from '../app/useNoticeStore';
import { requireBridge } from '../bridge/useBridgeStore';
import { useDesignStore } from '../design/useDesignStore';
import { useFileStore } from '../files/useFileStore';
import { brokerPasswordParams, brokerRefused } from '../run/runControls';
import { isReplayActive, isRunLive, useRunStore } from '../run/useRunStore';
import { defaultLogRun } from './defaultLogRun';
import { barsToRange, buildHistogram, clockTime, formatBucket } from './histogram';
import { PickerMenu } from './PickerMenu';
import { ReplayHistogram, type BarRange } from './ReplayHistogram';
import { useLogRuns } from './useLogRuns';
import { MAX_TIMELINE_ENTRIES, useRunEntries } from './useRunEntries';

/** Replay speeds offered (multiples of the original pace); `max` publishes as fast as the broker takes them. */
export const REPLAY_SPEEDS = ['1', '2', '5', '10', '50', '100', 'max'] as const;
type Speed = (typeof REPLAY_SPEEDS)[number];

const day = (ms: number) => new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });

function runLabel(run: LogRun, index: number, total: number, current: boolean): string {
  const today = day(run.firstAt) === day(Date.now());
  const when = `${today ? '' : `${day(run.firstAt)} `}${clockTime(run.firstAt)}–${clockTime(run.lastAt)}`;
  const hops = run.hops > 0 ? ` · ${run.hops.toLocaleString('en-GB')} hops` : '';
  // A run a replay started with nothing running: nothing of its own to replay.
  const replaysOnly = isReplayOnlyRun(run) ? ' · replays only' : '';
  return `Run ${total - index} · ${when}${hops}${replaysOnly}${current ? ' (this run)' : ''}`;
}

/**
 * Replay over the event log: pick a logged run of this flow (this session's or an earlier
 * one), see what entered the flow over its time as a histogram, drag a range on it, narrow
 * by event type, deliver to chosen consumers only, or keep one business flow (the
 * highlighted path's correlation id, as a chip you can remove); then Replay at a speed, with
 * Pause, Resume and Stop and the host's progress. Replayed events go back through the flow
 * (started with idle producers when nothing runs) and animate as diamonds.
 */
export function ReplayPanel() {
  const doc = useDesignStore((s) => s.doc);
  const path = useFileStore((s) => s.path);
  const status = useRunStore((s) => s.status);
  const highlighted = useRunStore((s) => s.path);
  const progress = useRunStore((s) => s.replay);
  const live = isRunLive(status);
  const { runs, loading, note } = useLogRuns();

  const [chosenRun, setChosenRun] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ runKey: string; since: number | null; until: number | null } | null>(null);
  const [types, setTypes] = useState<string[]>([]);
  const [targets, setTargets] = useState<string[]>([]);
  const [speed, setSpeed] = useState<Speed>('10');
  /** The highlighted path's correlation id the replay is narrowed to (of the chosen run). */
  const [correlation, setCorrelation] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const currentRunId = status?.runId;
  const run = defaultLogRun(runs, chosenRun, currentRunId);
  const runIsLive = live && run !== null && (run.runId === currentRunId || run.runId === '');
  const runKey = run ? `${run.runId}|${run.firstAt}` : '';

  const entryEdgeIds = useMemo(() => {
    const producers = new Set(doc.nodes.filter((n) => n.kind === 'producer').map((n) => n.id));
    return doc.edges.filter((e) => producers.has(e.source)).map((e) => e.id);
  }, [doc]);
  const consumers = useMemo(() => doc.nodes.filter((n) => n.kind === 'consumer').map((n) => ({ value: n.id, label: n.name || n.id })), [doc]);
  const entries = useRunEntries(run, runIsLive, entryEdgeIds);
  const typeOptions = useMemo(() => [...new Set(entries.types)].sort().map((t) => ({ value: t, label: t })), [entries.types]);

  const spanEnd = run ? Math.max(run.lastAt, entries.at.at(-1) ?? run.lastAt) : 0;
  const histogram = useMemo(() => {
    if (!run) return null;
    const wanted = types.length > 0 ? new Set(types) : null;
    const times = wanted ? entries.at.filter((_, i) => wanted.has(entries.types[i] as string)) : entries.at;
    return buildHistogram(times, run.firstAt, spanEnd);
  }, [run, spanEnd, entries, types]);

  // The selection is kept as times (null: the run's own start or end), so a growing run keeps it.
  const sel = selection?.runKey === runKey ? selection : { runKey, since: null, until: null };
  const range: BarRange | null = histogram
    ? {
        first: sel.since === null ? 0 : Math.max(0, Math.floor((sel.since - histogram.start) / histogram.bucketMs)),
        last: sel.until === null ? histogram.counts.length - 1 : Math.min(histogram.counts.length - 1, Math.floor((sel.until - histogram.start) / histogram.bucketMs)),
      }
    : null;
  const selected = histogram && range ? histogram.counts.slice(range.first, range.last + 1).reduce((a, b) => a + b, 0) : 0;
  const chosenSpan = histogram && range ? barsToRange(histogram, range.first, range.last) : null;
  const setRange = (next: BarRange) => {
    if (!histogram) return;
    const { since, until } = barsToRange(histogram, next.first, next.last);
    setSelection({ runKey, since: next.first === 0 ? null : since, until: next.last === histogram.counts.length - 1 ? null : until });
  };

  const active = isReplayActive(progress) ? progress : null;
  // With the log unreadable here the host may still read it (it says how many it found).
  const canReplay = run !== null && !busy && !active && (selected > 0 || correlation !== null || entries.truncated || entries.error !== null);

  const go = async () => {
    if (!run || !chosenSpan) return;
    setBusy(true);
    try {
      // Nothing runs: the host starts the flow on its broker, which may want the password (as Run does).
      const password = live ? {} : await brokerPasswordParams(doc.broker, 'Replay');
      if (password === null) return;
      const { since, until } = chosenSpan;
      const params = {
        ...(run.runId ? { runId: run.runId } : {}),
        ...(sel.since !== null ? { since } : {}),
        ...(sel.until !== null ? { until } : {}),
        ...(correlation ? { correlationId: correlation } : {}),
        ...(types.length > 0 ? { types } : {}),
        ...(targets.length > 0 ? { targets } : {}),
        // 'max' is unpaced on the host too (not its fastest multiple), with the logged order let go.
        speed: speed === 'max' ? ('max' as const) : Number(speed),
        ordered: speed !== 'max',
        // Nothing runs: the host starts this flow with idle producers and reads the file's log.
        ...(live ? {} : { doc, ...(path ? { path } : {}), ...password }),
      };
      const { replayId, eventCount } = await requireBridge().call('startReplay', params);
      const current = useRunStore.getState().replay;
      if (current?.replayId !== replayId) useRunStore.getState().set({ replay: { replayId, state: 'running', published: 0, total: eventCount } });
      if (eventCount === 0) notify('info', 'Nothing to replay: no logged event entered the flow in that selection.');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!live) brokerRefused(doc.broker, message);
      notify('error', `Could not replay: ${message}`);
    } finally {
      setBusy(false);
    }
  };
  const control = async (method: 'pauseReplay' | 'resumeReplay' | 'stopReplay') => {
    if (!active) return;
    try {
      await requireBridge().call(method, { replayId: active.replayId });
      const state = method === 'pauseReplay' ? 'paused' : method === 'resumeReplay' ? 'running' : 'cancelled';
      const now = useRunStore.getState().replay;
      if (now?.replayId === active.replayId && isReplayActive(now)) useRunStore.getState().set({ replay: { ...now, state } });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // A replay that finished meanwhile cannot be paused or stopped: it is simply over.
      if (/not running|not-found|finished/i.test(message)) useRunStore.getState().set({ replay: { ...active, state: 'done' } });
      else notify('error', `Could not ${method.replace('Replay', '')} the replay: ${message}`);
    }
  };

  if (loading && runs.length === 0) return <div className="ef-live-empty">Looking for logged runs…</div>;
  if (!run) return <div className="ef-live-empty">{note ?? 'No logged runs yet.'}</div>;

  return (
    <div className="ef-replay" data-testid="replay-panel">
      <div className="ef-replay__bar">
        <label className="ef-replay__field">
          <span>Run</span>
          <select
            className="ef-input ef-select ef-select--compact ef-replay__run"
            value={run.runId}
            aria-label="Logged run"
            title={runLabel(run, runs.indexOf(run), runs.length, run.runId === currentRunId)}
            onChange={(e) => {
              setChosenRun(e.target.value);
              // Types and a correlation id are the old run's; the consumers to deliver to are the flow's.
              setTypes([]);
              setCorrelation(null);
            }}
          >
            {runs.map((r, i) => (
              <option key={`${r.runId}|${r.firstAt}`} value={r.runId}>
                {runLabel(r, i, runs.length, r.runId === currentRunId)}
              </option>
            ))}
          </select>
        </label>
        <PickerMenu label="Types" allLabel="All types" noun="types" options={typeOptions} chosen={types} onChange={setTypes} />
        <PickerMenu label="Deliver to" allLabel="The whole flow" noun="consumers" options={consumers} chosen={targets} onChange={setTargets} />
        <label className="ef-replay__field">
          <span>Speed</span>
          <select
            className="ef-input ef-select ef-select--compact"
            value={speed}
            aria-label="Replay speed"
            title={speed === 'max' ? 'As fast as the broker takes them; the logged order is not kept' : `${speed} times the logged pace`}
            onChange={(e) => setSpeed(e.target.value as Speed)}
          >
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s === 'max' ? 'max' : `${s}×`}
              </option>
            ))}
          </select>
        </label>
        {correlation ? (
          <span className="ef-chip" data-testid="replay-correlation">
            only correlation ID <code title={correlation}>{correlation.slice(0, 12)}</code>
            <button type="button" className="ef-chip__remove" aria-label="Remove the correlation ID filter" onClick={() => setCorrelation(null)}>
              <X size={12} aria-hidden />
            </button>
          </span>
        ) : (
          highlighted && (
            <button
              type="button"
              className="ef-link ef-replay__path"
              onClick={() => {
                setCorrelation(highlighted.correlationId);
                if (highlighted.runId) setChosenRun(highlighted.runId);
              }}
            >
              Only the highlighted path
            </button>
          )
        )}
      </div>

      {histogram && range && <ReplayHistogram histogram={histogram} range={range} onChange={setRange} disabled={active !== null} />}

      <div className="ef-replay__foot">
        <div className="ef-replay__summary" data-testid="replay-summary">
          {entries.loading ? (
            'Reading the log…'
          ) : entries.error ? (
            <span className="ef-error-text">Could not read the log: {entries.error}</span>
          ) : chosenSpan && histogram ? (
            <>
              <b>{selected.toLocaleString('en-GB')}</b> event{selected === 1 ? '' : 's'} entered the flow from {clockTime(chosenSpan.since)} to {clockTime(chosenSpan.until + 1)}
              <span className="ef-muted"> · bars of {formatBucket(histogram.bucketMs)} · drag across the bars to choose</span>
              {entries.truncated && <span className="ef-muted"> · the chart counts the first {MAX_TIMELINE_ENTRIES.toLocaleString('en-GB')} only</span>}
              {correlation && <span className="ef-muted"> · of these, only correlation ID {correlation.slice(0, 12)}…</span>}
            </>
          ) : null}
        </div>
        <div className="ef-replay__actions">
          {active ? (
            <>
              {active.state === 'paused' ? (
                <button type="button" className="ef-button" onClick={() => void control('resumeReplay')}>
                  <Play size={14} aria-hidden /> Resume
                </button>
              ) : (
                <button type="button" className="ef-button" onClick={() => void control('pauseReplay')}>
                  <Pause size={14} aria-hidden /> Pause
                </button>
              )}
              <button type="button" className="ef-button" onClick={() => void control('stopReplay')}>
                <Square size={14} aria-hidden /> Stop replay
              </button>
            </>
          ) : (
            <button
              type="button"
              className="ef-button ef-button--primary"
              disabled={!canReplay}
              title={live ? 'Send the selected events through the running flow again' : 'Start the flow with idle producers and send the selected events through it'}
              onClick={() => void go()}
            >
              <RotateCcw size={14} aria-hidden /> Replay
            </button>
          )}
        </div>
      </div>

      {progress && <ReplayProgressLine progress={progress} />}
    </div>
  );
}

function ReplayProgressLine({ progress }: { progress: ReplayProgress }) {
  const share = progress.total > 0 ? Math.min(1, progress.published / progress.total) : progress.state === 'done' ? 1 : 0;
  const words: Record<ReplayProgress['state'], string> = {
    running: 'Replaying',
    paused: 'Paused',
    done: 'Replayed',
    cancelled: 'Stopped after',
    failed: 'Failed after',
  };
  return (
    <div className={`ef-replay__progress is-${progress.state}`} role="status" data-testid="replay-progress" data-state={progress.state}>
      <span className="ef-replay__progress-track">
        <span className="ef-replay__progress-fill" style={{ width: `${share * 100}%` }} />
      </span>
      <span>
        {words[progress.state]} {progress.published} of {progress.total} event(s)
        {progress.message ? `: ${progress.message}` : ''}
      </span>
    </div>
  );
}
