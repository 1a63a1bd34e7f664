import { useEffect, useRef, type CSSProperties } from 'react';
import { init, type ChartOption, type ECharts } from './echarts.js';

/**
 * A thin ECharts wrapper: one instance per mounted element, options replaced on change,
 * resized with its box. `data-series-count` lets tests see what was drawn.
 */
export function EChart({ option, height = 320, style, testId }: { option: ChartOption; height?: number; style?: CSSProperties; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  const series = option.series;
  const count = Array.isArray(series) ? series.length : series ? 1 : 0;
  return <div ref={el} data-testid={testId} data-series-count={count} style={{ width: '100%', height, ...style }} />;
}
