import type { MetricsSnapshot } from '../../shared/bridge/runEvents';
import type { PlannedNode } from '../../shared/compile/RuntimePlan';

const COLUMNS = ['node', 'kind', 'in', 'out', 'failed', 'dead-lettered', 'in-flight', 'backlog', 'rate/s', 'p50 ms', 'p99 ms'] as const;

/**
 * The live table of `eventflow run`: one row per node with exact counters, rate and latency
 * (processing time for consumers, hop latency for the others), then one line of totals.
 */
export function formatRunTable(snapshot: MetricsSnapshot, nodes: readonly PlannedNode[], header: string): string[] {
  const byId = new Map(snapshot.nodes.map((n) => [n.nodeId, n]));
  const rows: string[][] = [];
  for (const planned of nodes) {
    const m = byId.get(planned.nodeId);
    if (!m) continue;
    const c = m.counters;
    rows.push([
      m.paused ? `${planned.nodeId} (paused)` : planned.nodeId,
      planned.kind,
      String(c.in),
      String(c.out),
      String(c.failed),
      String(c.deadLettered),
      String(c.inFlight),
      String(c.backlog),
      formatNumber(m.ratePerSecond),
      m.latency.count ? formatNumber(m.latency.p50) : '-',
      m.latency.count ? formatNumber(m.latency.p99) : '-',
    ]);
  }
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const dropped = snapshot.nodes.reduce((n, m) => n + m.counters.dropped, 0);
  return [
    header,
    line(COLUMNS),
    ...rows.map(line),
    `unroutable ${snapshot.unroutable} · dropped ${dropped} · duplicates ${snapshot.duplicates} · ${(snapshot.runTimeMs / 1000).toFixed(1)} s`,
  ];
}

function formatNumber(n: number): string {
  if (n === 0) return '0';
  if (n >= 100) return String(Math.round(n));
  if (n >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
