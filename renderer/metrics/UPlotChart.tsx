import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * One uPlot chart that follows its data: created when the series change, `setData` on every
 * update (no React re-render of the plot itself), resized with its box.
 */
export function UPlotChart(props: { title: string; series: { label: string; stroke: string }[]; data: uPlot.AlignedData; height: number; testId?: string }) {
  const { title, series, data, height, testId } = props;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const seriesKey = series.map((s) => `${s.label}:${s.stroke}`).join('|');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(
      {
        title,
        width: Math.max(200, el.clientWidth),
        height,
        legend: { show: true },
        cursor: { show: true, drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: '#8f98a8', grid: { stroke: 'rgba(128,128,128,0.12)' }, size: 28 },
          { stroke: '#8f98a8', grid: { stroke: 'rgba(128,128,128,0.12)' }, size: 44 },
        ],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 1.6, points: { show: false } }))],
      },
      [[], ...series.map(() => [])],
      el,
    );
    plot.current = u;
    const observer = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
    // The plot is rebuilt only when its series change; data flows through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [title, seriesKey, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  // What the chart shows, for a test to read: how many points and the newest value of the first series.
  return <div ref={box} className="ef-chart" data-testid={testId} data-points={data[0]?.length ?? 0} data-last={data[1]?.at(-1) ?? ''} />;
}
