// The banner under the header while the prices cannot be refreshed: why (no network, or the server
// cannot be reached) and how old the prices on screen are. Shown from the same status as the header.
import { Show } from 'solid-js';
import { formatWhen } from '../lib/format-time';

export function OfflineBanner(props: { reason: string | null; pricesAge: string | null; pricesAt: number | null }) {
  return (
    <div role="status" aria-live="polite">
      <Show when={props.reason}>
        <p class="banner" style={{ margin: 0 }}>
          <strong>Offline</strong>: {props.reason}. Showing what this device saved
          <Show when={props.pricesAge !== null && props.pricesAt !== null}>
            , <time datetime={new Date(props.pricesAt ?? 0).toISOString()} title={`as of ${formatWhen(props.pricesAt ?? 0, Date.now())}`}>prices {props.pricesAge} old</time>
          </Show>
          .
        </p>
      </Show>
    </div>
  );
}
