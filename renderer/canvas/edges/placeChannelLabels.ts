import { topicTail } from './topicTail';

/** A rectangle in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** One channel to label: where it leaves its source and enters its target, and its topic. */
export interface ChannelLabelRequest {
  id: string;
  from: Point;
  to: Point;
  topic: string;
  /** The chip starts with a mark (routing rule, dead letters), which takes room from the topic. */
  marked: boolean;
}

/** Where along its channel a label sits. */
export type LabelAnchor = 'target' | 'middle' | 'source';

export interface LabelPlacement {
  /** Top-left corner of the chip, flow coordinates. */
  x: number;
  y: number;
  width: number;
  anchor: LabelAnchor;
  /** The topic as shown: whole, or its tail after an ellipsis. */
  text: string;
  /** No room for even a short tail: the chip is a mark only, the topic is on hover. */
  compact: boolean;
}

/** Height (flow px) of the chip's topic line, centred on the channel. */
export const LABEL_LINE_HEIGHT = 20;
/** Height kept free for a label: its topic line and, during a run, the count line under it. */
export const LABEL_RESERVED_HEIGHT = 34;
/** The widest a label grows; longer topics show their tail. */
const MAX_LABEL_WIDTH = 190;
/** The narrowest label with a topic (and room for a run's count line); less room gets a mark only. */
const MIN_LABEL_WIDTH = 56;
/** Width of a mark-only chip. */
const COMPACT_LABEL_WIDTH = 22;
/** Padding and border of a chip, left and right together. */
const LABEL_CHROME = 14;
/** A mark (filter or dead-letter icon) and the gap after it. */
const LABEL_MARK_WIDTH = 15;
/** Space kept between a label and a node card. */
const NODE_CLEARANCE = 6;
/** Space kept between two labels. */
const LABEL_GAP = 4;
/** A label near the target ends this far before the input handle, so the arrowhead shows. */
const ARROW_CLEARANCE = 16;
/** A label near the source starts this far after the output handle. */
const SOURCE_CLEARANCE = 10;
/** A channel that rises or falls less than this reads best with its label in the middle. */
const FLAT_CHANNEL_DY = 30;
/** Obstacles are bucketed in horizontal bands this tall, so a large graph is placed quickly. */
const BAND_HEIGHT = 64;

/**
 * Place every channel's topic label where it can be read: on the channel near its target
 * (where fanned-out channels are one row apart), in the middle, or near its source,
 * whichever shows the most of the topic without touching a node card or another label. A
 * topic that does not fit shows its tail after an ellipsis (the full topic is in the
 * chip's title); with no room at all the chip is a mark only. The area a label keeps free
 * includes the count line a run adds under it, so starting a run moves no label.
 *
 * Channels are placed in the order given (the document's), each against the nodes and the
 * labels placed before it. `charWidth` is the width of one character of the label font.
 */
export function placeChannelLabels(
  nodes: readonly Box[],
  channels: readonly ChannelLabelRequest[],
  charWidth: number,
): Map<string, LabelPlacement> {
  const obstacles = new BandIndex();
  for (const n of nodes) obstacles.add(inflate(n, NODE_CLEARANCE));
  const out = new Map<string, LabelPlacement>();
  for (const channel of channels) {
    const placement = placeOne(channel, obstacles, charWidth);
    out.set(channel.id, placement);
    obstacles.add(inflate({ x: placement.x, y: placement.y, width: placement.width, height: LABEL_RESERVED_HEIGHT }, LABEL_GAP));
  }
  return out;
}

interface Candidate {
  anchor: LabelAnchor;
  x: number;
  y: number;
}

function placeOne(channel: ChannelLabelRequest, obstacles: BandIndex, charWidth: number): LabelPlacement {
  const { from, to, topic } = channel;
  const target: Candidate = { anchor: 'target', x: to.x - ARROW_CLEARANCE, y: to.y };
  const middle: Candidate = { anchor: 'middle', x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  const source: Candidate = { anchor: 'source', x: from.x + SOURCE_CLEARANCE, y: from.y };
  const order = Math.abs(to.y - from.y) < FLAT_CHANNEL_DY ? [middle, target, source] : [target, middle, source];
  const chrome = LABEL_CHROME + (channel.marked ? LABEL_MARK_WIDTH : 0);
  const wanted = Math.min(MAX_LABEL_WIDTH, Math.ceil(chrome + topic.length * charWidth + 1));

  let best: { candidate: Candidate; x: number; width: number; chars: number } | null = null;
  let compact: { candidate: Candidate; x: number } | null = null;
  for (const candidate of order) {
    const span = freeSpan(obstacles, candidate);
    if (!span) continue;
    const room = Math.min(MAX_LABEL_WIDTH, roomAt(candidate, span));
    if (room >= MIN_LABEL_WIDTH) {
      const width = Math.max(MIN_LABEL_WIDTH, Math.min(room, wanted));
      const chars = Math.min(topic.length, Math.floor((width - chrome) / charWidth));
      if (!best || chars > best.chars) best = { candidate, x: chipX(candidate, span, width), width, chars };
      if (chars >= topic.length) break;
    } else if (!compact && room >= COMPACT_LABEL_WIDTH) {
      compact = { candidate, x: chipX(candidate, span, COMPACT_LABEL_WIDTH) };
    }
  }
  if (best && best.chars > 0) {
    const text = topicTail(topic, best.chars);
    return {
      x: best.x,
      y: best.candidate.y - LABEL_LINE_HEIGHT / 2,
      width: best.width,
      anchor: best.candidate.anchor,
      text,
      compact: false,
    };
  }
  const fallback = compact ?? { candidate: middle, x: middle.x - COMPACT_LABEL_WIDTH / 2 };
  return {
    x: fallback.x,
    y: fallback.candidate.y - LABEL_LINE_HEIGHT / 2,
    width: COMPACT_LABEL_WIDTH,
    anchor: fallback.candidate.anchor,
    text: '',
    compact: true,
  };
}

interface Span {
  left: number;
  right: number;
}

/** The free stretch of the label's row around the candidate's x; null when x itself is covered. */
function freeSpan(obstacles: BandIndex, c: Candidate): Span | null {
  const top = c.y - LABEL_LINE_HEIGHT / 2;
  const bottom = top + LABEL_RESERVED_HEIGHT;
  let left = -Infinity;
  let right = Infinity;
  for (const b of obstacles.overlapping(top, bottom)) {
    if (b.x + b.width <= c.x) left = Math.max(left, b.x + b.width);
    else if (b.x >= c.x) right = Math.min(right, b.x);
    else return null;
  }
  return { left, right };
}

function roomAt(c: Candidate, span: Span): number {
  switch (c.anchor) {
    case 'target':
      return c.x - span.left;
    case 'source':
      return span.right - c.x;
    case 'middle':
      return span.right - span.left;
  }
}

/** The chip's left edge: ending at a target anchor, starting at a source anchor, centred (kept in the span) in the middle. */
function chipX(c: Candidate, span: Span, width: number): number {
  switch (c.anchor) {
    case 'target':
      return c.x - width;
    case 'source':
      return c.x;
    case 'middle':
      return Math.min(Math.max(c.x - width / 2, span.left), span.right - width);
  }
}

function inflate(b: Box, by: number): Box {
  return { x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by };
}

/** Boxes bucketed by horizontal band: a row query looks only at the bands it crosses. */
class BandIndex {
  private readonly bands = new Map<number, Box[]>();

  add(box: Box): void {
    for (let k = Math.floor(box.y / BAND_HEIGHT); k <= Math.floor((box.y + box.height) / BAND_HEIGHT); k++) {
      let band = this.bands.get(k);
      if (!band) this.bands.set(k, (band = []));
      band.push(box);
    }
  }

  /** Every box that overlaps the row from `top` to `bottom` (each once). */
  overlapping(top: number, bottom: number): Box[] {
    const seen = new Set<Box>();
    for (let k = Math.floor(top / BAND_HEIGHT); k <= Math.floor(bottom / BAND_HEIGHT); k++) {
      for (const b of this.bands.get(k) ?? []) if (b.y < bottom && b.y + b.height > top) seen.add(b);
    }
    return [...seen];
  }
}
