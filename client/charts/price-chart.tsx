// The uPlot chart (its own chunk, loaded when an item page shows a chart): sell (high) and buy
// (low) lines, volume bars on their own scale at the bottom, a crosshair whose values show in the
// legend (the margin among them), and gaps where buckets are missing.
import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatExact, formatPrice } from '../../shared/domain/price-format';
import type { ChartSeries } from './chart-series';

export interface PriceChartProps {
  series: ChartSeries;
  /** Describes the chart for screen readers. */
  label: string;
}

function colour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function options(width: number): uPlot.Options {
  const muted = colour('--muted', '#a2abb6');
  const grid = { stroke: colour('--border', '#313844'), width: 1 };
  const price = (_u: uPlot, value: number | null) => (value == null ? '–' : formatExact(value));
  const bars = uPlot.paths.bars?.({ size: [0.85, 40] });
  return {
    width,
    height: 300,
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
    scales: {
      x: { time: true },
      // Volume bars fill the lowest quarter so they never cover the price lines.
      volume: { range: (_u, _min, max) => [0, Math.max(1, max) * 4] },
    },
    axes: [
      { stroke: muted, grid, ticks: grid },
      { stroke: muted, grid, ticks: grid, size: 56, values: (_u, ticks) => ticks.map((t) => formatPrice(t)) },
      { scale: 'volume', show: false },
    ],
    series: [
      { label: 'Time' },
      { label: 'Sell (high)', stroke: colour('--accent', '#e2b33c'), width: 2, spanGaps: false, value: price },
      { label: 'Buy (low)', stroke: colour('--link', '#9ecbff'), width: 2, spanGaps: false, value: price },
      {
        label: 'Volume',
        scale: 'volume',
        stroke: 'transparent',
        // No stroke: uPlot fills narrow bars (a phone's width) with the stroke colour unless width is 0.
        width: 0,
        fill: 'rgba(140, 150, 165, 0.6)',
        paths: bars,
        points: { show: false },
        value: (_u, v) => (v == null ? '–' : v.toLocaleString('en-GB')),
      },
      // Sell minus buy at the crosshair, in the legend only: its own scale, nothing drawn.
      { label: 'Margin', scale: 'margin', stroke: 'transparent', width: 0, points: { show: false }, value: price },
    ],
    hooks: {
      // Read by bench/pwa.bench.ts: the first time the chart has pixels.
      draw: [() => performance.mark('ge:chart-drawn')],
    },
  };
}

export default function PriceChart(props: PriceChartProps) {
  let box: HTMLDivElement | undefined;
  let plot: uPlot | undefined;
  // uPlot sizes bars by the closest pair of x values whose y is not `undefined`: a missing volume
  // must be undefined, not null, or a gap marker or live point squeezes every bar to nothing.
  const data = (): uPlot.AlignedData => [
    props.series.time,
    props.series.high,
    props.series.low,
    props.series.volume.map((v) => v ?? undefined),
    props.series.high.map((high, i) => {
      const low = props.series.low[i];
      return high == null || low == null ? null : high - low;
    }),
  ];

  onMount(() => {
    if (!box) return;
    plot = new uPlot(options(box.clientWidth || 320), data(), box);
    const observer = new ResizeObserver(() => box && plot?.setSize({ width: box.clientWidth, height: 300 }));
    observer.observe(box);
    onCleanup(() => {
      observer.disconnect();
      plot?.destroy();
    });
  });
  createEffect(() => plot?.setData(data()));

  return <div class="chart-box" ref={box} role="img" aria-label={props.label} />;
}
