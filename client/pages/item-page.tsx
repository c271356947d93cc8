// `/items/:id/:slug`: the item's prices and figures, and its chart, all from the device first.
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, lazy, onCleanup, Show, Suspense } from 'solid-js';
import { useAppData } from '../app-context';
import { ItemSummary } from '../components/item-summary';
import { MarketWarnings } from '../components/market-warnings';
import { hourAverages } from '../../shared/domain/market-flags';
import { FiguresList } from '../components/figures-list';
import { ItemLimitPanel } from '../journal/item-limit-panel';
import { ItemAlertsPanel } from '../alerts/item-alerts-panel';
import { ChartControls } from '../charts/chart-controls';
import { buildSeries } from '../charts/chart-series';
import { describeCoverage, parseChartView, RANGE_SECONDS, RANGE_TIMESTEP } from '../charts/chart-range';
import { tradeFiguresOf } from '../table/row-figures';
import { wikiUrl } from '../lib/item-path';
import { createHistory } from './item-history';
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
    return current ? tradeFiguresOf(current, data.prices[current.id], data.now(), data.staleAfter()) : null;
  };
  // The chart's own last hour (5m or 1h buckets) when it has one; else the hour the table uses.
  const averages = () => {
    const fromChart = hourAverages(history.buckets() ?? [], data.now());
    const stored = data.hourly().get(id());
    return fromChart.avgHigh1h === null && fromChart.avgLow1h === null && stored ? { avgHigh1h: stored.avgHigh1h, avgLow1h: stored.avgLow1h } : fromChart;
  };
  const coverage = () => {
    const buckets = history.buckets() ?? [];
    const oldest = buckets.length === 0 ? null : Math.min(...buckets.map((b) => b.timestamp));
    return describeCoverage(view(), oldest, Date.now() / 1000);
  };
  const unknown = () => data.loaded() && data.items().length > 0 && item() === undefined;
  const chartLabel = () => `${item()?.name ?? 'Item'} prices over ${view().range}, ${view().timestep} buckets`;

  // The tab and the history name the item ("Abyssal whip · GE Tracker").
  createEffect(() => {
    const name = item()?.name;
    document.title = name ? `${name} · GE Tracker` : unknown() ? 'No such item · GE Tracker' : 'GE Tracker';
  });
  onCleanup(() => (document.title = 'GE Tracker'));

  return (
    <div class="item-page">
      <Show when={item()} fallback={<ItemMissing unknown={unknown()} id={id()} />}>
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
            <MarketWarnings
              roi={figures()?.roi ?? null}
              volume24h={current().volume24h}
              stability={{ high: data.prices[current().id]?.high ?? null, low: data.prices[current().id]?.low ?? null, ...averages() }}
            />
            {/* The chart comes before the figures, so on a phone it starts within the first screen. */}
            <section class="chart-section" aria-labelledby="chart-title">
              <h2 id="chart-title">Price history</h2>
              <ChartControls
                range={view().range}
                timestep={view().timestep}
                onRange={(range) => setSearch({ range, step: RANGE_TIMESTEP[range] }, { replace: true })}
                onTimestep={(step) => setSearch({ step }, { replace: true })}
              />
              <Show when={coverage()}>{(note) => <p class="muted flush" role="note">{note()}</p>}</Show>
              <Show when={history.fromDevice()}>
                <p class="muted flush">Saved history: newer buckets will load when you are back online.</p>
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
            <Show when={figures()}>{(f) => <FiguresList item={current()} figures={f()} />}</Show>
            <ItemAlertsPanel itemId={current().id} rules={data.alerts.rules()} />
            <ItemLimitPanel item={current()} trades={data.journal.trades()} now={data.now()} />
            <p class="muted flush">
              {current().examine}{' '}
              <a href={wikiUrl(current().id)} target="_blank" rel="noopener noreferrer">{current().name} on the OSRS Wiki</a>
            </p>
          </>
        )}
      </Show>
    </div>
  );
}

/** An id the catalogue lacks once it is loaded: no such item (no chart, no talk of going online). */
function ItemMissing(props: { unknown: boolean; id: number }) {
  return (
    <Show when={props.unknown} fallback={<p class="notice">Loading…</p>}>
      <section aria-labelledby="missing-title" class="notice">
        <h1 id="missing-title">No such item</h1>
        <p>No item has the id {props.id}. <A href="/">Back to all items</A></p>
      </section>
    </Show>
  );
}
