import { useLayoutEffect } from 'react';
import type { FlowDocument } from '../../../shared/flow/FlowDocument';
import { DEFAULT_NODE_SIZE } from '../../design/layoutWithElk';
import type { Size } from '../../design/useCanvasStore';
import { placeChannelLabels, type Box, type ChannelLabelRequest } from './placeChannelLabels';
import { useLabelPlacementStore } from './useLabelPlacementStore';

/** The topic font size (px) of a channel label: .ef-edge-label in canvas.css. */
const LABEL_FONT_SIZE = 10;
/** How far a handle reaches out of its card (half its 15 px): channels start and end there. */
const HANDLE_REACH = 7.5;
/** Used before the font can be measured (a monospace character is about 0.6 em wide). */
const FALLBACK_CHAR_WIDTH = LABEL_FONT_SIZE * 0.6;

/**
 * Keep every channel label's placement current: recomputed (before paint) whenever the
 * document or a node's measured size changes, so a label follows a dragged node in the same
 * frame as its channel does.
 */
export function useChannelLabelPlacement(doc: FlowDocument, measured: Readonly<Record<string, Size>>): void {
  useLayoutEffect(() => {
    const rects = new Map<string, Box>();
    for (const n of doc.nodes) {
      const size = measured[n.id] ?? DEFAULT_NODE_SIZE;
      rects.set(n.id, { x: n.position.x, y: n.position.y, width: size.width, height: size.height });
    }
    const channels: ChannelLabelRequest[] = [];
    for (const e of doc.edges) {
      const s = rects.get(e.source);
      const t = rects.get(e.target);
      if (!s || !t) continue;
      channels.push({
        id: e.id,
        from: { x: s.x + s.width + HANDLE_REACH, y: s.y + s.height / 2 },
        to: { x: t.x - HANDLE_REACH, y: t.y + t.height / 2 },
        topic: e.topic,
        marked: Boolean(e.deadLetter || e.rule?.pattern || e.rule?.topicFilter),
      });
    }
    useLabelPlacementStore.getState().setPlacements(placeChannelLabels([...rects.values()], channels, monoCharWidth()));
  }, [doc.nodes, doc.edges, measured]);
}

let charWidth: number | null = null;

/** One character's width in the label font, measured once. */
function monoCharWidth(): number {
  if (charWidth !== null) return charWidth;
  const ctx = document.createElement('canvas').getContext('2d');
  const family = getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim();
  if (!ctx || !family) return FALLBACK_CHAR_WIDTH;
  ctx.font = `${LABEL_FONT_SIZE}px ${family}`;
  const sample = 'shop/orders/placed';
  charWidth = ctx.measureText(sample).width / sample.length;
  return charWidth;
}
