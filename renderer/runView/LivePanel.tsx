import { ChevronDown, ChevronUp } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useBridgeStore } from '../bridge/useBridgeStore';
import { useCanvasStore } from '../design/useCanvasStore';
import { EventInspector } from '../eventInspector/EventInspector';
import { MetricsPanel } from '../metrics/MetricsPanel';
import { ReplayPanel } from '../replay/ReplayPanel';
import { PulseLegend } from './PulseLegend';
import { LIVE_TABS, useLivePanelStore } from './useLivePanelStore';

/**
 * The live panel under the canvas: the pulse legend, and tabs for the event inspector, the
 * metrics charts and replay. Collapsed to its header until a run starts (Replay works on the
 * logs of earlier runs too); the canvas is fitted again whenever it opens or closes, so no
 * node ends up under it.
 */
export function LivePanel() {
  const supportsRuns = useBridgeStore((s) => s.hostInfo?.supportsRuns ?? false);
  const tab = useLivePanelStore((s) => s.tab);
  const open = useLivePanelStore((s) => s.open);
  const { show: setTab, setOpen } = useLivePanelStore.getState();
  useRefitOnToggle(supportsRuns && open);
  if (!supportsRuns) return null;
  return (
    <section className={`ef-live${open ? ' is-open' : ''}`} aria-label="Live view" data-testid="live-panel">
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
              aria-selected={open && tab === t}
              className={`ef-live__tab${open && tab === t ? ' is-active' : ''}`}
              onClick={() => setTab(t)}
            >
              {t}
            </button>
          ))}
        </div>
        <PulseLegend />
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

/** Ask the canvas to fit its flow again after the panel opened or closed (not on first show). */
function useRefitOnToggle(open: boolean): void {
  const last = useRef(open);
  useEffect(() => {
    if (last.current === open) return;
    last.current = open;
    useCanvasStore.getState().requestFit();
  }, [open]);
}
