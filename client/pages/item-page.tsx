// `/items/:id/:slug`: the item's prices and figures, and its chart, all from the device first.
import { useParams, useSearchParams } from '@solidjs/router';
import { createMemo, lazy, Show, Suspense } from 'solid-js';
import { useAppData } from '../app-context';
import { ItemSummary } from '../components/item-summary';
import { FiguresList } from '../components/figures-list';
import { ChartControls } from '../charts/chart-controls';
import { buildSeries } from '../charts/chart-series';
import { parseChartView, RANGE_SECONDS, RANGE_TIMESTEP } from '../charts/chart-range';
import { figuresOf } from '../table/select-rows';
import { createHistory } from './item-history';
import { LiveIndicator } from '../components/live-indicator';
import { useLive } from '../live/live';
import { withLivePoints } from '../live/live-buffer';
import { createLiveChart } from '../live/live-chart';

const PriceChart = lazy(() => import('../charts/price-chart'));

export function ItemPage() {
  // Fetch the chart's code while IndexedDB is read, not after.
  void PriceChart.preload();
  const data = useAppData();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const id = () => Number(params.id);
  const item = () => data.item(id());
  const view = createMemo(() => parseChartView(search));
  const live = useLive();
  // A history refresh from the live stream (live again, shown again, a window stored, a bucket due) slides the window to now
  // and reloads it, even within the same second as the last load (so `from` is not deduplicated).
  const refresh = createMemo(() => live?.historyTick(view().timestep));
  const from = createMemo(() => (refresh(), Math.floor(Date.now() / 1000) - RANGE_SECONDS[view().range]), undefined, { equals: false });
  const history = createHistory(data, id, () => view().timestep, from, () => refresh()?.from);
  const livePoints = createLiveChart({ live, itemId: id, timestep: () => view().timestep, buckets: history.buckets });
  const figures = () => {
    const current = item();
    return current ? figuresOf(current, data.prices[current.id], data.now(), data.staleAfter()) : null;
  };
  const chartLabel = () => `${item()?.name ?? 'Item'} prices over ${view().range}, ${view().timestep} buckets`;

  return (
    <div class="item-page">
      <Show when={item()} fallback={<p class="notice">{data.loaded() && data.items().length > 0 ? 'No item with that id.' : 'Loading…'}</p>}>
        {(current) => (
          <>
            <ItemSummary
              item={current()}
              price={data.prices[current().id]}
              now={data.now()}
              staleAfter={data.staleAfter()}
              starred={data.watchlist().has(current().id)}
              inverted={figures()?.inverted ?? false}
              onToggleStar={() => void data.setWatched(current().id, !data.watchlist().has(current().id))}
            />
            <Show when={figures()}>{(f) => <FiguresList item={current()} figures={f()} />}</Show>
            <p class="muted" style={{ margin: 0 }}>{current().examine}</p>
          </>
        )}
      </Show>
      <section class="chart-section" aria-labelledby="chart-title">
        <h2 id="chart-title">Price history</h2>
        <Show when={live}>{(l) => <LiveIndicator status={l().status()} />}</Show>
        <ChartControls
          range={view().range}
          timestep={view().timestep}
          onRange={(range) => setSearch({ range, step: RANGE_TIMESTEP[range] }, { replace: true })}
          onTimestep={(step) => setSearch({ step }, { replace: true })}
        />
        <Show when={history.fromDevice()}>
          <p class="muted" style={{ margin: 0 }}>Saved history: newer buckets will load when you are back online.</p>
        </Show>
        <Show when={history.buckets()} fallback={<div class="chart-box">Loading chart…</div>}>
          {(buckets) => (
            <Show when={buckets().length > 0} fallback={<div class="chart-box notice">No history for this view on this device yet.</div>}>
              <Suspense fallback={<div class="chart-box">Loading chart…</div>}>
                <PriceChart series={withLivePoints(buildSeries(buckets(), view().timestep), livePoints(), view().timestep)} label={chartLabel()} />
              </Suspense>
            </Show>
          )}
        </Show>
      </section>
    </div>
  );
}
