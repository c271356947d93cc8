// Live / Connecting… / Reconnecting… (attempt n) / Offline, and when the server last synced.
// Only the state is a live region: the time changes every sync and would be read out each time.
import { Show } from 'solid-js';
import { describeLiveState, formatUpdatedAt, type LiveStatus } from '../live/live-status';
import '../live/live.css';

export function LiveIndicator(props: { status: LiveStatus }) {
  const updated = () => props.status.syncedAt ?? props.status.lastUpdate;
  return (
    <span class={`live-indicator live-${props.status.state}`}>
      <span class="live-state" role="status" aria-label="Live connection">
        <span class="live-dot" aria-hidden="true" />
        {describeLiveState(props.status)}
      </span>
      <Show when={updated()}>
        {(at) => <time datetime={new Date(at()).toISOString()}>updated {formatUpdatedAt(at())}</time>}
      </Show>
    </span>
  );
}
