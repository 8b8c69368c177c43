/** Points sampled along each channel's path (flow coordinates): pulses interpolate between them. */
export const EDGE_PATH_SAMPLES = 48;

/** Flat [x0, y0, x1, y1, ...] per edge id. */
export type EdgePointTables = Map<string, Float32Array>;

/**
 * Sample every rendered channel path under `root` into point tables. Called when the layout
 * changes (nodes moved, channels added), never per frame: reading a path's geometry forces
 * layout, which is too slow to do 60 times a second on a large canvas.
 */
export function sampleEdgePaths(root: ParentNode, samples = EDGE_PATH_SAMPLES): EdgePointTables {
  const tables: EdgePointTables = new Map();
  for (const group of root.querySelectorAll<SVGGElement>('.react-flow__edge[data-id]')) {
    const id = group.dataset.id;
    const path = group.querySelector<SVGPathElement>('path.react-flow__edge-path');
    if (!id || !path) continue;
    const length = path.getTotalLength();
    const table = new Float32Array(samples * 2);
    for (let i = 0; i < samples; i++) {
      const p = path.getPointAtLength((length * i) / (samples - 1));
      table[i * 2] = p.x;
      table[i * 2 + 1] = p.y;
    }
    tables.set(id, table);
  }
  return tables;
}

/** The point a fraction `t` (0..1) along a table, written into `out`. */
export function pointAt(table: Float32Array, t: number, out: { x: number; y: number }): void {
  const n = table.length / 2;
  const f = Math.min(Math.max(t, 0), 1) * (n - 1);
  const i = Math.min(Math.floor(f), n - 2);
  const k = f - i;
  out.x = (table[i * 2] as number) * (1 - k) + (table[i * 2 + 2] as number) * k;
  out.y = (table[i * 2 + 1] as number) * (1 - k) + (table[i * 2 + 3] as number) * k;
}

/** The length of the path a table samples (flow px). */
export function tableLength(table: Float32Array): number {
  let length = 0;
  for (let i = 2; i < table.length; i += 2) {
    length += Math.hypot((table[i] as number) - (table[i - 2] as number), (table[i + 1] as number) - (table[i - 1] as number));
  }
  return length;
}
