// Live / Connecting… / Reconnecting… (attempt n) / Offline (state/app-status.ts), and when the server last synced.
// Only the state is a live region: the time changes every sync and would be read out each time.
import { Show } from 'solid-js';
import { formatUpdatedAt, type LiveStatus } from '../live/live-status';
import type { AppStatus } from '../state/app-status';
import '../live/live.css';

/** `app`: the words and colour, from the one status the banner also reads. */
export function LiveIndicator(props: { status: LiveStatus; app: AppStatus }) {
  const updated = () => props.status.syncedAt ?? props.status.lastUpdate;
  return (
    <span class={`live-indicator live-${props.app.kind === 'server-down' ? 'reconnecting' : props.app.kind}`}>
      <span class="live-state" role="status" aria-label="Live connection">
        <span class="live-dot" aria-hidden="true" />
        {props.app.header}
      </span>
      <Show when={updated()}>
        {(at) => <time datetime={new Date(at()).toISOString()}>updated {formatUpdatedAt(at())}</time>}
      </Show>
    </span>
  );
}
