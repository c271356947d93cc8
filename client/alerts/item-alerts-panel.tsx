// The item page's alerts corner: the rules this device holds for the item and "Add alert".
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { StoredAlert } from '../db/alerts';
import { alertPath } from '../lib/item-path';
import { describeRule } from './alert-text';

export function ItemAlertsPanel(props: { itemId: number; rules: readonly StoredAlert[] }) {
  const mine = () => props.rules.filter((rule) => rule.itemId === props.itemId);
  return (
    <section class="journal-section" aria-labelledby="item-alerts-title">
      <h2 id="item-alerts-title">Alerts</h2>
      <Show when={mine().length > 0} fallback={<p class="muted flush">No alert for this item on this device.</p>}>
        <ul class="flush">
          <For each={mine()}>{(rule) => <li>{describeRule(rule)}{rule.enabled ? '' : ' (off)'}</li>}</For>
        </ul>
      </Show>
      <A href={alertPath(props.itemId)}>Add alert</A>
    </section>
  );
}
