// "Notify me when a buy limit resets": the device tells each reset once (a notification, or the
// banner without permission) and, with push on, the server tells a closed app.
import { Show } from 'solid-js';
import { useAlerts } from '../alerts/alerts-runtime';

export function LimitAlertsSetting() {
  const alerts = useAlerts();
  return (
    <Show when={alerts} fallback={<InAppOnlyNote />}>
      {(runtime) => (
        <label class="limit-alerts-setting">
          <input type="checkbox" checked={runtime().limitAlerts()} onChange={(event) => runtime().setLimitAlerts(event.currentTarget.checked)} />{' '}
          Notify me when a buy limit resets
        </label>
      )}
    </Show>
  );
}

/** Where the setting cannot be reached: the countdown is all there is. */
function InAppOnlyNote() {
  return <p class="muted" style={{ margin: 0, 'font-size': '0.8rem' }}>The countdown runs in the app only.</p>;
}
