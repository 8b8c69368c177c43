import { ChevronDown, ChevronUp } from 'lucide-react';
import { useEffect, useState } from 'react';
import { LIVE_TABS, useLivePanelStore } from './useLivePanelStore';
import { EventInspector } from '../eventInspector/EventInspector';
import { MetricsPanel } from '../metrics/MetricsPanel';
import { ReplayPanel } from '../replay/ReplayPanel';
import { liveTraffic } from '../run/liveTraffic';
import { useRunStore } from '../run/useRunStore';

/** How often the legend looks for new event types. */
const LEGEND_REFRESH_MS = 500;

/**
 * The live panel under the canvas once a flow has run: the pulse legend (event types by
 * colour, outcomes by shape), and tabs for the event inspector, the metrics charts and replay.
 */
export function LivePanel() {
  const hasRun = useRunStore((s) => s.status !== null);
  const tab = useLivePanelStore((s) => s.tab);
  const open = useLivePanelStore((s) => s.open);
  const { show: setTab, setOpen } = useLivePanelStore.getState();
  if (!hasRun) return null;
  return (
    <section className={`ef-live${open ? ' is-open' : ''}`} aria-label="Live view">
      <header className="ef-live__header">
        <button type="button" className="ef-live__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? <ChevronDown size={14} aria-hidden /> : <ChevronUp size={14} aria-hidden />} Live
        </button>
        <div className="ef-live__tabs" role="tablist">
          {LIVE_TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={`ef-live__tab${tab === t ? ' is-active' : ''}`}
              onClick={() => {
                setTab(t);
                setOpen(true);
              }}
            >
              {t}
            </button>
          ))}
        </div>
        <Legend />
      </header>
      {open && (
        <div className="ef-live__body">
          {tab === 'Events' && <EventInspector />}
          {tab === 'Metrics' && <MetricsPanel />}
          {tab === 'Replay' && <ReplayPanel />}
        </div>
      )}
    </section>
  );
}

function Legend() {
  const [entries, setEntries] = useState(() => liveTraffic.legend());
  useEffect(() => {
    const timer = setInterval(() => {
      const next = liveTraffic.legend();
      setEntries((prev) => (prev.length === next.length ? prev : next));
    }, LEGEND_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="ef-legend" aria-label="Pulse legend">
      {entries.map((e) => (
        <span key={e.type} className="ef-legend__item">
          <i className="ef-legend__dot" style={{ background: e.color }} />
          {e.type}
        </span>
      ))}
      <span className="ef-legend__item">
        <i className="ef-legend__dot ef-legend__dot--failed" /> failed
      </span>
      <span className="ef-legend__item">
        <i className="ef-legend__dot ef-legend__dot--dead" /> dead-lettered
      </span>
      <span className="ef-legend__item">
        <i className="ef-legend__dot ef-legend__dot--replayed" /> replayed
      </span>
    </div>
  );
}
