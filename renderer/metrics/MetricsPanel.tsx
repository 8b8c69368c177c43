import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { useDesignStore } from '../design/useDesignStore';
import { useSelectionStore } from '../design/useSelectionStore';
import { useRunStore } from '../run/useRunStore';
import { UPlotChart } from './UPlotChart';

const CHART_HEIGHT = 150;

/**
 * Live charts of one node (the selected one, or one picked here): its throughput in events
 * per second and its latency p50 and p99, from the metric snapshots of the run (uPlot).
 */
export function MetricsPanel() {
  const doc = useDesignStore((s) => s.doc);
  const history = useRunStore((s) => s.history);
  const selected = useSelectionStore((s) => Object.keys(s.nodes)[0]);
  const [picked, setPicked] = useState<string | null>(null);
  const nodeId = picked ?? selected ?? doc.nodes.find((n) => n.kind === 'consumer')?.id ?? doc.nodes[0]?.id ?? '';

  const { rate, latency } = useMemo(() => {
    const xs: number[] = [];
    const r: number[] = [];
    const p50: number[] = [];
    const p99: number[] = [];
    for (const snap of history) {
      const n = snap.nodes.find((m) => m.nodeId === nodeId);
      xs.push(snap.at / 1000);
      r.push(n?.ratePerSecond ?? 0);
      p50.push(n?.latency.p50 ?? 0);
      p99.push(n?.latency.p99 ?? 0);
    }
    return { rate: [xs, r] as uPlot.AlignedData, latency: [xs, p50, p99] as uPlot.AlignedData };
  }, [history, nodeId]);

  return (
    <div className="ef-metrics" data-testid="metrics-panel">
      <label className="ef-metrics__pick">
        Node
        <select className="ef-input ef-select ef-select--compact" value={nodeId} onChange={(e) => setPicked(e.target.value)} aria-label="Node to chart">
          {doc.nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </select>
      </label>
      <div className="ef-metrics__charts">
        <UPlotChart title="Throughput (events/s)" series={[{ label: 'events/s', stroke: '#3b82f6' }]} data={rate} height={CHART_HEIGHT} testId="chart-throughput" />
        <UPlotChart
          title="Latency (ms)"
          series={[
            { label: 'p50', stroke: '#10b981' },
            { label: 'p99', stroke: '#f59e0b' },
          ]}
          data={latency}
          height={CHART_HEIGHT}
          testId="chart-latency"
        />
      </div>
    </div>
  );
}
