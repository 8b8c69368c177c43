import { useEffect, useRef, useState } from 'react';
import { liveTraffic } from '../run/liveTraffic';

/** How often the legend looks for new event types. */
const LEGEND_REFRESH_MS = 500;

/**
 * The pulse legend in the live panel's header: how failed, dead-lettered and replayed pulses
 * look (always shown), then the event types by colour on one line; the types that do not fit
 * fold into a "+N" button that lists them on hover or click.
 */
export function PulseLegend() {
  const [entries, setEntries] = useState(() => liveTraffic.legend());
  const [hidden, setHidden] = useState(0);
  const [open, setOpen] = useState(false);
  const types = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setInterval(() => {
      const next = liveTraffic.legend();
      setEntries((prev) => (prev.length === next.length ? prev : next));
    }, LEGEND_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  // The types line is one row high and wraps: items pushed to a second row are the hidden ones.
  useEffect(() => {
    const el = types.current;
    if (!el) return;
    const measure = () => {
      const items = [...el.children] as HTMLElement[];
      const top = items[0]?.offsetTop ?? 0;
      setHidden(items.filter((item) => item.offsetTop > top).length);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    for (const item of el.children) observer.observe(item);
    return () => observer.disconnect();
  }, [entries]);

  const rest = hidden > 0 ? entries.slice(entries.length - hidden) : [];
  return (
    <div className="ef-legend" aria-label="Pulse legend" data-testid="pulse-legend">
      <div className="ef-legend__outcomes">
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
      <div ref={types} className="ef-legend__types">
        {entries.map((e) => (
          <span key={e.type} className="ef-legend__item" title={e.type}>
            <i className="ef-legend__dot" style={{ background: e.color }} />
            {e.type}
          </span>
        ))}
      </div>
      {rest.length > 0 && (
        <div className="ef-legend__more" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
          <button
            type="button"
            className="ef-legend__more-button"
            aria-expanded={open}
            aria-label={`${rest.length} more event type${rest.length === 1 ? '' : 's'}`}
            onClick={() => setOpen(!open)}
          >
            +{rest.length}
          </button>
          {open && (
            <div className="ef-legend__popover" role="list" aria-label="More event types">
              {rest.map((e) => (
                <span key={e.type} role="listitem" className="ef-legend__item">
                  <i className="ef-legend__dot" style={{ background: e.color }} />
                  {e.type}
                </span>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
