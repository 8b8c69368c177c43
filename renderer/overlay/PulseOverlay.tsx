import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { liveTraffic, PULSE_DURATION_MS, type Pulse, type PulseLook } from '../run/liveTraffic';
import { pointAt, sampleEdgePaths, type EdgePointTables } from './edgePointTables';
import './overlayTestHook';

/** Pulse radius in screen pixels (kept readable at any zoom). */
const PULSE_RADIUS_PX = 4.5;
/** A missing table (a channel rendered after the last sampling) is looked for at most this often. */
const RESAMPLE_MIN_INTERVAL_MS = 250;
const LOOK_ORDER: readonly PulseLook[] = ['dropped', 'ok', 'failed', 'dead-lettered', 'replayed'];

/**
 * The one layer every pulse is drawn on: a <canvas> over React Flow's viewport, painted by
 * one requestAnimationFrame loop that runs only while pulses move. Each frame reads the
 * viewport transform from React Flow's store and moves each pulse along its channel's point
 * table (sampled when the layout changes). No React render happens per pulse or per frame.
 */
export function PulseOverlay() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();

  useEffect(() => {
    const canvas = canvasRef.current;
    const root = canvas?.parentElement;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !root || !ctx) return;
    let tables: EdgePointTables = new Map();
    let dirty = true;
    let lastSample = -Infinity;
    let frame = 0;
    let running = false;
    let framesDrawn = 0;
    /** The canvas holds pixels from the last frame (an empty one need not be cleared again). */
    let painted = true;
    let width = 0;
    let height = 0;
    const point = { x: 0, y: 0 };
    const buckets = new Map<string, Pulse[]>();

    const resize = (): void => {
      const dpr = window.devicePixelRatio || 1;
      width = root.clientWidth;
      height = root.clientHeight;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    };
    resize();
    const observer = new ResizeObserver(() => {
      resize();
      start();
    });
    observer.observe(root);

    const offStore = store.subscribe((s, prev) => {
      if (s.nodes !== prev.nodes || s.edges !== prev.edges || s.nodeLookup !== prev.nodeLookup) dirty = true;
      if (s.transform !== prev.transform && (painted || liveTraffic.pulses.length > 0)) start();
    });

    const draw = (now: number): void => {
      frame = 0;
      if (dirty) {
        tables = sampleEdgePaths(root);
        lastSample = now;
        dirty = false;
      }
      liveTraffic.expire(now);
      const dpr = window.devicePixelRatio || 1;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      const [tx, ty, zoom] = store.getState().transform;
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      const r = PULSE_RADIUS_PX / zoom;

      for (const list of buckets.values()) list.length = 0;
      let missing = false;
      for (const pulse of liveTraffic.pulses) {
        const key = `${pulse.look}|${pulse.color}`;
        let list = buckets.get(key);
        if (!list) buckets.set(key, (list = []));
        list.push(pulse);
      }
      for (const look of LOOK_ORDER) {
        for (const [key, list] of buckets) {
          if (list.length === 0 || !key.startsWith(`${look}|`)) continue;
          const color = key.slice(look.length + 1);
          ctx.beginPath();
          for (const pulse of list) {
            const table = tables.get(pulse.edgeId);
            if (!table) {
              missing = true;
              continue;
            }
            pointAt(table, (now - pulse.start) / PULSE_DURATION_MS, point);
            shape(ctx, look, point.x, point.y, r);
          }
          paint(ctx, look, color, r);
        }
      }
      framesDrawn += 1;
      painted = liveTraffic.pulses.length > 0;
      if (missing && now - lastSample > RESAMPLE_MIN_INTERVAL_MS) dirty = true;
      if (liveTraffic.pulses.length > 0) frame = requestAnimationFrame(draw);
      else running = false;
    };

    function start(): void {
      if (running) return;
      running = true;
      frame = requestAnimationFrame(draw);
    }

    const offTraffic = liveTraffic.onChange(start);
    window.__eventflowOverlay = {
      pulseCountsByEdge: () => liveTraffic.drawnCounts(),
      replayedCountsByEdge: () => liveTraffic.replayedCounts(),
      sampledOutByEdge: () => liveTraffic.sampledOutCounts(),
      activePulses: () => liveTraffic.pulses.length,
      framesDrawn: () => framesDrawn,
    };
    start();
    return () => {
      offTraffic();
      offStore();
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
      delete window.__eventflowOverlay;
    };
  }, [store]);

  return <canvas ref={canvasRef} className="ef-pulse-overlay" aria-hidden data-testid="pulse-overlay" />;
}

/** Add one pulse's outline to the current path. */
function shape(ctx: CanvasRenderingContext2D, look: PulseLook, x: number, y: number, r: number): void {
  switch (look) {
    case 'ok':
    case 'failed':
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
      return;
    case 'dropped':
      ctx.moveTo(x + r * 0.6, y);
      ctx.arc(x, y, r * 0.6, 0, Math.PI * 2);
      return;
    case 'dead-lettered':
      ctx.rect(x - r, y - r, r * 2, r * 2);
      return;
    case 'replayed':
      ctx.moveTo(x, y - r * 1.3);
      ctx.lineTo(x + r * 1.3, y);
      ctx.lineTo(x, y + r * 1.3);
      ctx.lineTo(x - r * 1.3, y);
      ctx.closePath();
      return;
    default: {
      const unknown: never = look;
      throw new Error(`unknown look ${String(unknown)}`);
    }
  }
}

/** Fill (and outline) the path of one bucket. */
function paint(ctx: CanvasRenderingContext2D, look: PulseLook, color: string, r: number): void {
  ctx.fillStyle = look === 'dropped' ? '#9ca3af' : look === 'dead-lettered' ? '#1f2937' : color;
  ctx.fill();
  if (look === 'failed' || look === 'dead-lettered' || look === 'replayed') {
    ctx.lineWidth = r * 0.45;
    ctx.strokeStyle = look === 'replayed' ? '#ffffff' : '#ef4444';
    ctx.stroke();
  }
}
