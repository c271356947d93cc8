// The in-app banner for alerts that fired while notifications are not allowed.
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { BannerAlert } from './alerts-runtime';

export function AlertBanner(props: { alerts: readonly BannerAlert[]; onDismiss: () => void }) {
  return (
    <div role="alert" aria-live="assertive">
      <Show when={props.alerts.length > 0}>
        <div class="banner alert-banner">
          <ul class="flush">
            <For each={props.alerts}>
              {(alert) => (
                <li>
                  <A href={`/items/${alert.itemId}`}>
                    <strong>{alert.title}</strong>
                  </A>{' '}
                  {alert.body}
                </li>
              )}
            </For>
          </ul>
          <button type="button" onClick={() => props.onDismiss()}>
            Dismiss
          </button>
        </div>
      </Show>
    </div>
  );
}
