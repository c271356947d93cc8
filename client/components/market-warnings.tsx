// On the item page: a margin not to trust, said in words with the thresholds behind it.
import { Show } from 'solid-js';
import { isThin, isUnstable, THIN_MAX_VOLUME, THIN_MIN_ROI, UNSTABLE_OFF_AVERAGE, type StabilityInput } from '../../shared/domain/market-flags';

export function MarketWarnings(props: { roi: number | null; volume24h: number | null; stability: StabilityInput }) {
  return (
    <>
      <Show when={isThin(props.roi, props.volume24h)}>
        <p class="notice">Thin: an ROI of {THIN_MIN_ROI * 100}% or more on fewer than {THIN_MAX_VOLUME} trades a day. A few trades set this price; it may not fill.</p>
      </Show>
      <Show when={isUnstable(props.stability)}>
        <p class="notice">Unstable: a latest price is more than {UNSTABLE_OFF_AVERAGE * 100}% off its 1-hour average. The margin may be gone by the time you trade.</p>
      </Show>
    </>
  );
}
