// How this device will hear of an alert: notifications allowed or not (with the button that asks),
// whether the server can push to a closed app, and on iOS what push needs there.
import { Match, Show, Switch } from 'solid-js';
import type { NotificationAccess, PushState } from './push-sync';

export interface AlertDeliveryProps {
  access: NotificationAccess;
  push: PushState;
  ios: boolean;
  onAsk: () => void;
}

const PUSH_WORDS: Record<PushState, string> = {
  starting: 'Checking whether the server can push alerts…',
  unsupported: 'This browser cannot receive pushed alerts: alerts fire only while the app is open.',
  'not-allowed': 'Alerts reach a closed app only once notifications are allowed.',
  off: 'This server does not push alerts: they fire while the app is open.',
  none: 'No alert is on, so the server has nothing to push.',
  on: 'The server pushes your alerts, also while the app is closed.',
  queued: 'Offline: your alerts go to the server when you are back online.',
  failed: 'The server could not take your alerts for push; they still fire while the app is open.',
};

export function AlertDelivery(props: AlertDeliveryProps) {
  return (
    <section class="notice alert-delivery" aria-label="How alerts reach you">
      <Switch>
        <Match when={props.access === 'granted'}>
          <p class="flush">Notifications are allowed: alerts show as notifications.</p>
        </Match>
        <Match when={props.access === 'denied'}>
          <p class="flush">Notifications are blocked for this site: alerts show as a banner in the app. Allow them in the browser’s site settings to get notifications.</p>
        </Match>
        <Match when={props.access === 'default'}>
          <p class="flush">
            Alerts show as a banner in the app until you allow notifications.{' '}
            <button type="button" onClick={() => props.onAsk()}>
              Allow notifications
            </button>
          </p>
        </Match>
        <Match when={props.access === 'unsupported'}>
          <p class="flush">This browser has no notifications: alerts show as a banner in the app.</p>
        </Match>
      </Switch>
      <p class="flush muted">{PUSH_WORDS[props.push]}</p>
      <Show when={props.ios}>
        <p class="flush muted">On iPhone and iPad, pushed alerts need iOS 16.4 or later and the app added to the Home Screen (Share, then Add to Home Screen), opened from there.</p>
      </Show>
    </section>
  );
}
