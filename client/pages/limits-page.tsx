// `/limits`: every open buy-limit window on this device, soonest reset first. Loaded lazily.
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { openLimitWindows } from '../../shared/domain/journal-limits';
import { useAppData } from '../app-context';
import { LimitCountdown } from '../journal/limit-countdown';
import { LimitAlertsSetting } from '../journal/limit-alerts-setting';
import { itemPath } from '../lib/item-path';

export default function LimitsPage() {
  const data = useAppData();
  const windows = createMemo(() => openLimitWindows(data.journal.trades(), (id) => data.item(id)?.limit ?? null, data.now()));
  return (
    <div class="item-page journal-page">
      <h1>Buy limits</h1>
      <LimitAlertsSetting />
      <ul class="trade-list" aria-label="Open limit windows">
        <For each={windows()} fallback={<li class="muted">No limit window is open. A window opens with the first buy you log.</li>}>
          {(window) => {
            const item = () => data.item(window.itemId);
            return (
              <li>
                <Show when={item()} fallback={<strong>Item {window.itemId}</strong>}>
                  {(known) => (
                    <A href={itemPath(known())}>
                      <strong>{known().name}</strong>
                    </A>
                  )}
                </Show>
                <LimitCountdown window={window} />
              </li>
            );
          }}
        </For>
      </ul>
    </div>
  );
}
