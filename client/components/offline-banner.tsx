import { Show } from 'solid-js';
import { formatWhen } from '../lib/format-time';

export function OfflineBanner(props: { offline: boolean; pricesAt: number | null }) {
  return (
    <div role="status" aria-live="polite">
      <Show when={props.offline}>
        <p class="banner" style={{ margin: 0 }}>
          <strong>Offline</strong>: showing what this device saved
          {props.pricesAt === null ? '' : `, prices as of ${formatWhen(props.pricesAt, Date.now())}`}.
        </p>
      </Show>
    </div>
  );
}
