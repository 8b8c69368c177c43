import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadFlow } from '../../../../../shared/flow/loadFlow';
import {
  LABEL_RESERVED_HEIGHT,
  placeChannelLabels,
  type Box,
  type ChannelLabelRequest,
  type LabelPlacement,
} from '../../../../../renderer/canvas/edges/placeChannelLabels';
import { DEFAULT_NODE_SIZE } from '../../../../../renderer/design/layoutWithElk';

const CHAR = 6;
const card = (x: number, y: number): Box => ({ x, y, ...DEFAULT_NODE_SIZE });
const out = (b: Box) => ({ x: b.x + b.width + 7.5, y: b.y + b.height / 2 });
const into = (b: Box) => ({ x: b.x - 7.5, y: b.y + b.height / 2 });
const reserved = (p: LabelPlacement): Box => ({ x: p.x, y: p.y, width: p.width, height: LABEL_RESERVED_HEIGHT });
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('placeChannelLabels', () => {
  it('labels each channel of a fan-out beside its own target, with the whole topic where there is room', () => {
    const broker = card(0, 200);
    const targets = [card(400, 0), card(400, 130), card(400, 260), card(400, 390)];
    const channels: ChannelLabelRequest[] = targets.map((t, i) => ({ id: `c${i}`, from: out(broker), to: into(t), topic: `shop/target/${i}`, marked: false }));
    const placed = placeChannelLabels([broker, ...targets], channels, CHAR);
    for (const [i, t] of targets.entries()) {
      const p = placed.get(`c${i}`)!;
      expect(p.text).toBe(`shop/target/${i}`);
      // Centred on the channel's last stretch, which enters the target at mid-height.
      expect(p.y + 10).toBe(t.y + t.height / 2);
      expect(p.x + p.width).toBeLessThanOrEqual(t.x);
    }
  });

  it('gives a second channel into the same target another spot instead of covering the first', () => {
    const a = card(0, 0);
    const b = card(0, 300);
    const sink = card(420, 150);
    const placed = placeChannelLabels(
      [a, b, sink],
      [
        { id: 'a', from: out(a), to: into(sink), topic: 'dead/letters/a', marked: true },
        { id: 'b', from: out(b), to: into(sink), topic: 'dead/letters/b', marked: true },
      ],
      CHAR,
    );
    const pa = placed.get('a')!;
    const pb = placed.get('b')!;
    expect(pa.anchor).toBe('target');
    expect(pb.anchor).not.toBe('target');
    expect(overlap(reserved(pa), reserved(pb))).toBe(false);
    expect(pb.text).toBe('dead/letters/b');
  });

  it('shows the tail of a topic that does not fit, and only a mark where even a short tail does not', () => {
    const a = card(0, 0);
    const near = card(300, 0);
    const touching = card(240, 200);
    const from = card(0, 200);
    const placed = placeChannelLabels(
      [a, near, from, touching],
      [
        { id: 'tail', from: out(a), to: into(near), topic: 'shop/replicas/warehouse/orders', marked: false },
        { id: 'none', from: out(from), to: into(touching), topic: 'shop/orders/placed', marked: false },
      ],
      CHAR,
    );
    const tail = placed.get('tail')!;
    expect(tail.text).not.toBe('shop/replicas/warehouse/orders');
    expect(tail.text.startsWith('…')).toBe(true);
    expect('shop/replicas/warehouse/orders'.endsWith(tail.text.slice(1))).toBe(true);
    expect(placed.get('none')).toMatchObject({ compact: true, text: '' });
  });

  it('on the checkout example: no label touches a card or another label, and most show their topic', async () => {
    const loaded = loadFlow(await readFile(new URL('../../../../../examples/checkout.eventflow.json', import.meta.url), 'utf8'));
    if (!loaded.ok) throw new Error('the checkout example does not load');
    const { doc } = loaded;
    const boxes = new Map(doc.nodes.map((n) => [n.id, card(n.position.x, n.position.y)]));
    const channels = doc.edges.map((e) => ({
      id: e.id,
      from: out(boxes.get(e.source)!),
      to: into(boxes.get(e.target)!),
      topic: e.topic,
      marked: Boolean(e.deadLetter || e.rule),
    }));
    const placed = placeChannelLabels([...boxes.values()], channels, CHAR);
    const labels = [...placed.entries()];
    for (const [id, p] of labels) {
      for (const [nodeId, b] of boxes) expect(overlap(reserved(p), b), `${id} over ${nodeId}`).toBe(false);
      const topic = doc.edges.find((e) => e.id === id)!.topic;
      if (!p.compact) expect(p.text === topic || topic.endsWith(p.text.slice(1)), id).toBe(true);
    }
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const [ia, a] = labels[i]!;
        const [ib, b] = labels[j]!;
        expect(overlap(reserved(a), reserved(b)), `${ia} and ${ib}`).toBe(false);
      }
    }
    const readable = labels.filter(([, p]) => !p.compact && p.text.length >= 12);
    expect(readable.length / labels.length).toBeGreaterThanOrEqual(0.75);
  });
});
