import { useStoreApi, type InternalNode } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { LABEL_LINE_HEIGHT, LABEL_RESERVED_HEIGHT, type LabelPlacement } from '../canvas/edges/placeChannelLabels';
import { useLabelPlacementStore } from '../canvas/edges/useLabelPlacementStore';
import { FAR_ZOOM } from '../canvas/useFarZoomClass';
import { liveTraffic, PULSE_DURATION_MS, type Pulse, type PulseLook } from '../run/liveTraffic';
import { pointAt, sampleEdgePaths, tableLength, type EdgePointTables } from './edgePointTables';
import { readPulseColors, watchTheme, type PulseColors } from './pulseColors';
import './overlayTestHook';

/** Pulse radius in screen pixels (kept readable at any zoom, small enough not to hide the channel). */
const PULSE_RADIUS_PX = 3.5;
/** Pulses on one channel are bounded to about one per this many flow px of its length. */
const PULSE_SPACING_PX = 22;
/** Corner radius of a node card (canvas.css, .ef-node): pulses are cut out of the card's shape. */
const NODE_RADIUS = 12;
/** A missing table (a channel rendered after the last sampling) is looked for at most this often. */
const RESAMPLE_MIN_INTERVAL_MS = 250;
const LOOK_ORDER: readonly PulseLook[] = ['dropped', 'ok', 'failed', 'dead-lettered', 'replayed'];

/**
 * The one layer every pulse is drawn on: a <canvas> over React Flow's viewport, painted by
 * one requestAnimationFrame loop that runs only while pulses move. Each frame reads the
 * viewport transform from React Flow's store and moves each pulse along its channel's point
 * table (sampled when the layout changes). No React render happens per pulse or per frame.
 *
 * Pulses travel under node cards and channel labels: after drawing, the frame erases the
 * cards' and labels' areas from the canvas, so a pulse disappears into its target card and
 * never covers a title or a topic (a canvas cannot sit between React Flow's edge and node
 * layers: its viewport is one stacking context). Outcome colours come from the theme.
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
    /**
     * What pulses are erased under, built when the layout or the labels change, not per frame:
     * the cards, plus the labels when they are shown (not while the canvas is `is-far`).
     */
    let covers: { near?: Path2D; far?: Path2D } = {};
    const canvasRoot = root.closest('.ef-canvas');
    const offLabels = useLabelPlacementStore.subscribe(() => (covers = {}));
    let colors: PulseColors = readPulseColors(canvas);
    const offTheme = watchTheme(() => {
      colors = readPulseColors(canvas);
      start();
    });

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
      // Anything but a pan or zoom may move or resize a card (measurements arrive in place).
      if (s.transform === prev.transform || s.nodes !== prev.nodes || s.nodeLookup !== prev.nodeLookup) covers = {};
      if (s.transform !== prev.transform && (painted || liveTraffic.pulses.length > 0)) start();
    });

    const draw = (now: number): void => {
      frame = 0;
      if (dirty) {
        tables = sampleEdgePaths(root);
        const capacities = new Map<string, number>();
        for (const [id, table] of tables) capacities.set(id, tableLength(table) / PULSE_SPACING_PX);
        liveTraffic.setCapacities(capacities);
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
      let drawn = 0;
      for (const pulse of liveTraffic.pulses) {
        // A hop of the last batch that was sent later than the first waits its turn.
        if (pulse.start > now) continue;
        drawn += 1;
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
          paint(ctx, look, color, r, colors);
        }
      }
      if (drawn > 0) {
        // Labels are hidden exactly when the canvas has `is-far` (flipped when a gesture ends, not at FAR_ZOOM itself).
        const far = canvasRoot ? canvasRoot.classList.contains('is-far') : zoom < FAR_ZOOM;
        const cover = far
          ? (covers.far ??= coverPath(store.getState().nodeLookup, null))
          : (covers.near ??= coverPath(store.getState().nodeLookup, useLabelPlacementStore.getState().byEdge));
        ctx.globalCompositeOperation = 'destination-out';
        ctx.fillStyle = '#000';
        ctx.fill(cover);
        ctx.globalCompositeOperation = 'source-over';
      }
      framesDrawn += 1;
      painted = drawn > 0;
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
      offTheme();
      offLabels();
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
function paint(ctx: CanvasRenderingContext2D, look: PulseLook, color: string, r: number, colors: PulseColors): void {
  ctx.fillStyle = look === 'dropped' ? colors.dropped : look === 'dead-lettered' ? colors.dead : color;
  ctx.fill();
  if (look === 'failed' || look === 'dead-lettered' || look === 'replayed') {
    ctx.lineWidth = r * 0.45;
    ctx.strokeStyle = look === 'replayed' ? colors.replayedRing : colors.failedRing;
    ctx.stroke();
  }
}

/** The area of node cards and channel labels, in flow coordinates (null: labels are not shown). */
function coverPath(nodes: ReadonlyMap<string, InternalNode>, labels: Readonly<Record<string, LabelPlacement>> | null): Path2D {
  const path = new Path2D();
  for (const node of nodes.values()) {
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? 0;
    const height = node.measured.height ?? 0;
    if (width > 0 && height > 0) path.roundRect(x, y, width, height, NODE_RADIUS);
  }
  if (labels) {
    for (const id in labels) {
      const p = labels[id] as LabelPlacement;
      path.rect(p.x, p.y, p.width, p.compact ? LABEL_LINE_HEIGHT : LABEL_RESERVED_HEIGHT);
    }
  }
  return path;
}
