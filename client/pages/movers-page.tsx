// `/movers`: the biggest risers and fallers over 1 h, 24 h or 7 d, with an adjustable minimum
// volume. Loaded lazily; offline it ranks what this device holds.
import { useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { DEFAULT_MIN_VOLUME, isMoverPeriod, MOVER_PERIODS, type MoverPeriod } from '../../shared/domain/movers';
import { parsePrice } from '../../shared/domain/price-format';
import { useAppData } from '../app-context';
import { formatWhen } from '../lib/format-time';
import { MoverList } from '../movers/mover-list';
import { createMovers } from '../movers/movers-state';

export default function MoversPage() {
  const data = useAppData();
  const [search, setSearch] = useSearchParams();
  const period = (): MoverPeriod => (isMoverPeriod(search.period) ? search.period : '24h');
  const minVolume = () => parsePrice(String(search.minVolume ?? '')) ?? DEFAULT_MIN_VOLUME[period()];
  const movers = createMovers(data, period, minVolume);
  const nameOf = (itemId: number) => data.item(itemId)?.name ?? `Item ${itemId}`;
  return (
    <div class="item-page journal-page">
      <h1>Movers</h1>
      <div class="trade-form">
        <fieldset class="segmented" aria-label="Period">
          <For each={MOVER_PERIODS}>
            {(option) => (
              <button type="button" aria-pressed={period() === option} onClick={() => setSearch({ period: option, minVolume: undefined }, { replace: true })}>
                {option}
              </button>
            )}
          </For>
        </fieldset>
        <label>
          Min volume
          <input inputmode="decimal" autocomplete="off" value={minVolume()} onChange={(event) => setSearch({ minVolume: event.currentTarget.value }, { replace: true })} />
        </label>
      </div>
      <Show when={movers()} fallback={<p class="notice">Loading…</p>}>
        {(view) => (
          <>
            <p class="muted" style={{ margin: 0 }} role="status">
              {view().fromDevice ? 'From the history saved on this device (items whose charts you opened). ' : ''}
              {view().asOf === null ? 'No history to rank yet.' : `By ${period() === '1h' ? '5-minute' : 'hourly'} averages up to ${formatWhen(view().asOf! * 1000, Date.now())}.`}
            </p>
            <MoverList label="Risers" movers={view().risers} nameOf={nameOf} />
            <MoverList label="Fallers" movers={view().fallers} nameOf={nameOf} />
          </>
        )}
      </Show>
    </div>
  );
}
