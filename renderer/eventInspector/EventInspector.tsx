import { ArrowUp } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TraceRecord } from '../../shared/bridge/runEvents';
import { notify } from '../app/useNoticeStore';
import { requireBridge } from '../bridge/useBridgeStore';
import { useDesignStore } from '../design/useDesignStore';
import { useSelectionStore } from '../design/useSelectionStore';
import { liveTraffic } from '../run/liveTraffic';
import { useRunStore } from '../run/useRunStore';
import { causalPath, waterfall } from './causalPath';
import { channelEnds } from './channelEnds';
import { loadCausalPath } from './loadCausalPath';

/** How often the event list follows new traffic (a few times a second, not per batch). */
export const INSPECTOR_REFRESH_MS = 250;
/** Rows the list shows. */
export const INSPECTOR_ROWS = 50;

function timeOf(ms: number): string {
  const d = new Date(ms);
  return `${d.toLocaleTimeString('en-GB', { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

const rowKey = (t: TraceRecord) => `${t.eventId}-${t.edgeId}-${t.outcome}-${t.replayId ?? ''}`;

/**
 * The event inspector: the last events on the selected node's channels (or the selected
 * channel) with time, topic, type and outcome; picking one loads its business flow from the
 * event log (by correlation id, within the run it belongs to), highlights that causal path
 * on the canvas and shows each hop's latency as a waterfall, with the event's payload as
 * collapsible JSON. The list stops moving while the pointer is over it or after a pick, and
 * says how many events arrived meanwhile.
 */
export function EventInspector() {
  const doc = useDesignStore((s) => s.doc);
  const selectedNodes = useSelectionStore((s) => s.nodes);
  const selectedEdges = useSelectionStore((s) => s.edges);
  const path = useRunStore((s) => s.path);
  const [rows, setRows] = useState<TraceRecord[]>([]);
  const [picked, setPicked] = useState<{ eventId: string; payload: unknown } | null>(null);
  const [hovered, setHovered] = useState(false);
  /** The selection a pick pinned the list for: another node or channel follows live again. */
  const [pinnedFor, setPinnedFor] = useState<string | null>(null);
  const [newCount, setNewCount] = useState(0);
  const shown = useRef<{ key: string | null; rows: TraceRecord[] }>({ key: null, rows: [] });
  const list = useRef<HTMLDivElement>(null);

  const { label, edgeIds } = useMemo(() => {
    const nodeId = Object.keys(selectedNodes)[0];
    if (nodeId) {
      const name = doc.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;
      return { label: name, edgeIds: doc.edges.filter((e) => e.source === nodeId || e.target === nodeId).map((e) => e.id) };
    }
    const edgeId = Object.keys(selectedEdges)[0];
    if (edgeId) return { label: channelEnds(doc, edgeId).ends, edgeIds: [edgeId] };
    return { label: null, edgeIds: [] as string[] };
  }, [doc, selectedNodes, selectedEdges]);

  const selectionKey = edgeIds.join(' ');
  const paused = hovered || pinnedFor === selectionKey;

  useEffect(() => {
    let seen = -1;
    const refresh = () => {
      if (liveTraffic.version === seen) return;
      seen = liveTraffic.version;
      const next = liveTraffic.recent(edgeIds, INSPECTOR_ROWS);
      // Paused, the rows stay put; another node or channel is always shown at once.
      if (paused && shown.current.key === selectionKey) {
        const old = new Set(shown.current.rows.map(rowKey));
        setNewCount(next.filter((t) => !old.has(rowKey(t))).length);
        return;
      }
      shown.current = { key: selectionKey, rows: next };
      setRows(next);
      setNewCount(0);
    };
    refresh();
    const timer = setInterval(refresh, INSPECTOR_REFRESH_MS);
    return () => clearInterval(timer);
  }, [edgeIds, selectionKey, paused]);

  const jumpToNewest = () => {
    setPinnedFor(null);
    setHovered(false);
    list.current?.scrollTo({ top: 0 });
  };

  const pick = async (trace: TraceRecord) => {
    setPinnedFor(selectionKey);
    try {
      const { sessionRunIds } = useRunStore.getState();
      const { runId, hops } = await loadCausalPath((params) => requireBridge().call('queryLog', params), trace, sessionRunIds);
      useRunStore.getState().set({ path: { ...causalPath(trace.correlationId, hops), ...(runId ? { runId } : {}) } });
      const own = hops.find((h) => h.trace.eventId === trace.eventId && h.event !== null);
      setPicked({ eventId: trace.eventId, payload: own?.event ?? null });
    } catch (err) {
      notify('error', `Could not load the event's path: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  if (label === null) {
    return <div className="ef-live-empty">Select a node or a channel to see its last events; pick an event to trace its path.</div>;
  }
  const bars = path ? waterfall(path.hops) : [];
  return (
    <div className="ef-events" data-testid="event-inspector">
      <div className="ef-events__pane">
        {newCount > 0 && (
          <button type="button" className="ef-events__new" onClick={jumpToNewest} data-testid="events-new">
            <ArrowUp size={12} aria-hidden /> {newCount >= INSPECTOR_ROWS ? `${INSPECTOR_ROWS}+` : newCount} new
          </button>
        )}
        <div
          ref={list}
          className="ef-events__list"
          role="list"
          aria-label={`Last events of ${label}`}
          data-paused={paused}
          onMouseEnter={() => setHovered(true)}
          onMouseLeave={() => setHovered(false)}
        >
          {rows.length === 0 && <div className="ef-live-empty">No events on {label} yet.</div>}
          {rows.map((t) => (
            <button
              type="button"
              role="listitem"
              key={rowKey(t)}
              className={`ef-events__row ef-outcome--${t.outcome}${picked?.eventId === t.eventId ? ' is-picked' : ''}`}
              onClick={() => void pick(t)}
              aria-label={`Event ${t.type} on ${t.topic}`}
              title={`${t.type} on ${t.topic}: ${t.replayId ? 'replayed' : t.outcome}${t.reason ? ` (${t.reason})` : ''}`}
            >
              <span className="ef-events__time">{timeOf(t.receivedAt ?? t.sentAt)}</span>
              <span className="ef-events__topic">{t.topic}</span>
              <span className="ef-events__type" style={{ color: liveTraffic.colorOf(t.type) }}>
                {t.type}
              </span>
              <span className="ef-events__outcome">{t.replayId ? 'replayed' : t.outcome}</span>
            </button>
          ))}
        </div>
      </div>
      <div className="ef-events__detail">
        {path ? (
          <>
            <div className="ef-events__path-title">
              Causal path of <code title={path.correlationId}>{path.correlationId.slice(0, 12)}</code>: {path.hops.length} hop(s)
              <button type="button" className="ef-link" onClick={() => useRunStore.getState().set({ path: null })}>
                Clear
              </button>
            </div>
            <ol className="ef-waterfall" aria-label="Hop latency waterfall" data-testid="waterfall">
              {bars.map((b, i) => {
                const { ends, label: channelLabel } = channelEnds(doc, b.edgeId);
                return (
                  <li key={`${b.edgeId}-${i}`} className={`ef-waterfall__hop ef-outcome--${b.outcome}`}>
                    <span className="ef-waterfall__label" title={`${ends}${channelLabel ? ` (${channelLabel})` : ''}: ${b.type}`}>
                      <span className="ef-waterfall__ends">{ends}</span>
                      {channelLabel && <span className="ef-waterfall__channel">{channelLabel}</span>}
                    </span>
                    <span className="ef-waterfall__track">
                      <span className="ef-waterfall__bar" style={{ left: `${b.left * 100}%`, width: `${b.width * 100}%`, background: liveTraffic.colorOf(b.type) }} />
                    </span>
                    <span className="ef-waterfall__ms">{b.latencyMs === null ? b.outcome : `${b.latencyMs.toFixed(1)} ms`}</span>
                  </li>
                );
              })}
            </ol>
            {picked && (
              <details className="ef-json" open>
                <summary>Event {picked.eventId.slice(0, 12)} (JSON)</summary>
                <pre data-testid="event-json">{picked.payload === null ? 'not in the log' : JSON.stringify(picked.payload, null, 2)}</pre>
              </details>
            )}
          </>
        ) : (
          <div className="ef-live-empty">Pick an event to highlight its whole path and see each hop&apos;s latency.</div>
        )}
      </div>
    </div>
  );
}
