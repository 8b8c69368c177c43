import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import { clockTime, type Histogram } from './histogram';

/** A chosen run of bars, first and last inclusive. */
export interface BarRange {
  first: number;
  last: number;
}

const HANDLES = [
  { which: 'first', label: 'Replay from' },
  { which: 'last', label: 'Replay until' },
] as const;

/**
 * The replay timeline: one bar per time bucket, as tall as the events logged in it. Drag
 * across the bars to choose a range, or drag either handle (they sit on bar edges, so a
 * range is always whole bars); the handles also move with the arrow keys.
 */
export function ReplayHistogram({ histogram, range, onChange, disabled }: { histogram: Histogram; range: BarRange; onChange(range: BarRange): void; disabled?: boolean }) {
  const [drag, setDrag] = useState<{ mode: 'new' | 'first' | 'last'; anchor: number } | null>(null);
  const n = histogram.counts.length;
  const peak = Math.max(1, ...histogram.counts);

  /** Where the pointer is over the track, in bars (0 at the left edge, n at the right). */
  const position = (track: Element, clientX: number): number => {
    const box = track.getBoundingClientRect();
    if (box.width === 0) return 0;
    return Math.min(n, Math.max(0, ((clientX - box.left) / box.width) * n));
  };
  const barAt = (track: Element, clientX: number) => Math.min(n - 1, Math.floor(position(track, clientX)));
  /** A handle sits on the bar edge nearest the pointer. */
  const edgeAt = (track: Element, clientX: number) => Math.round(position(track, clientX));
  const moveEdge = (which: 'first' | 'last', edge: number) => {
    if (which === 'first') onChange({ first: Math.min(Math.max(0, edge), range.last), last: range.last });
    else onChange({ first: range.first, last: Math.max(Math.min(n - 1, edge - 1), range.first) });
  };
  const start = (mode: 'new' | 'first' | 'last', e: PointerEvent<HTMLElement>) => {
    const track = mode === 'new' ? e.currentTarget : e.currentTarget.parentElement;
    if (disabled || e.button !== 0 || !track) return;
    e.stopPropagation();
    e.preventDefault();
    track.setPointerCapture(e.pointerId);
    const bar = barAt(track, e.clientX);
    setDrag({ mode, anchor: bar });
    if (mode === 'new') onChange({ first: bar, last: bar });
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    if (drag.mode === 'new') {
      const bar = barAt(e.currentTarget, e.clientX);
      onChange({ first: Math.min(drag.anchor, bar), last: Math.max(drag.anchor, bar) });
    } else moveEdge(drag.mode, edgeAt(e.currentTarget, e.clientX));
  };
  const onKey = (which: 'first' | 'last') => (e: KeyboardEvent<HTMLSpanElement>) => {
    const step = e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'Home' ? -n : e.key === 'End' ? n : 0;
    if (step === 0 || disabled) return;
    e.preventDefault();
    const edge = which === 'first' ? range.first : range.last + 1;
    moveEdge(which, edge + step);
  };
  const barStart = (i: number) => histogram.start + i * histogram.bucketMs;

  return (
    <div className={`ef-histogram${disabled ? ' is-disabled' : ''}`}>
      <div
        className="ef-histogram__track"
        data-testid="replay-histogram"
        data-bars={n}
        onPointerDown={(e) => start('new', e)}
        onPointerMove={onMove}
        onPointerUp={() => setDrag(null)}
        onPointerCancel={() => setDrag(null)}
      >
        {histogram.counts.map((count, i) => (
          <span
            key={i}
            className={`ef-histogram__slot${i >= range.first && i <= range.last ? ' is-in' : ''}`}
            title={`${clockTime(barStart(i))}: ${count} event${count === 1 ? '' : 's'}`}
            data-count={count}
          >
            <i className="ef-histogram__bar" style={{ height: count === 0 ? 0 : `${Math.max(4, (count / peak) * 100)}%` }} />
          </span>
        ))}
        <span className="ef-histogram__shade" style={{ left: 0, width: `${(range.first / n) * 100}%` }} />
        <span className="ef-histogram__shade" style={{ left: `${((range.last + 1) / n) * 100}%`, right: 0 }} />
        {HANDLES.map(({ which, label }) => {
          // A handle sits on a bar edge: before the first bar of the range, after its last.
          const edge = which === 'first' ? range.first : range.last + 1;
          return (
            <span
              key={which}
              className="ef-histogram__handle"
              style={{ left: `${(edge / n) * 100}%` }}
              role="slider"
              tabIndex={disabled ? -1 : 0}
              aria-label={label}
              aria-valuemin={0}
              aria-valuemax={n - 1}
              aria-valuenow={range[which]}
              aria-valuetext={clockTime(barStart(edge))}
              onPointerDown={(e) => start(which, e)}
              onKeyDown={onKey(which)}
            />
          );
        })}
      </div>
      <div className="ef-histogram__axis" aria-hidden>
        <span>{clockTime(histogram.start)}</span>
        <span>{clockTime(histogram.start + Math.floor(n / 2) * histogram.bucketMs)}</span>
        <span>{clockTime(histogram.start + n * histogram.bucketMs)}</span>
      </div>
    </div>
  );
}
