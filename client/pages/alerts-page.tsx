// `/alerts`: the device's price alerts (add, edit, switch, delete), how they reach the user, and
// the alerts that fired. Loaded lazily: none of it is in the first paint's code.
import { useSearchParams } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { MAX_RULES_PER_DEVICE } from '../../shared/domain/alert-rules';
import { useAppData } from '../app-context';
import type { FiredRecord } from '../db/alerts';
import { AlertDelivery } from '../alerts/alert-delivery';
import { createAlertEditor } from '../alerts/alert-editor';
import { AlertForm } from '../alerts/alert-form';
import { AlertList } from '../alerts/alert-list';
import { useAlerts } from '../alerts/alerts-runtime';
import { FiredList } from '../alerts/fired-list';
import { itemPath } from '../lib/item-path';
import { isIos } from '../pwa/install-prompt';

export default function AlertsPage() {
  const data = useAppData();
  const runtime = useAlerts();
  const [search] = useSearchParams();
  const startItem = Number(search.item);
  const editor = createAlertEditor({ data, startItemId: Number.isSafeInteger(startItem) ? startItem : null, firstAlert: () => void runtime?.requestAccess() });
  const nameOf = (itemId: number) => data.item(itemId)?.name ?? `Item ${itemId}`;
  const pathOf = (itemId: number) => itemPath({ id: itemId, name: data.item(itemId)?.name ?? 'item' });
  const itemNames = createMemo(() => data.items().map((item) => item.name));
  const lastFired = createMemo(() => {
    const newest = new Map<string, FiredRecord>();
    for (const fired of data.alerts.fired()) if (!newest.has(fired.alertId)) newest.set(fired.alertId, fired);
    return newest;
  });
  const count = () => data.alerts.rules().length;
  return (
    <div class="item-page journal-page">
      <h1>Alerts</h1>
      <p class="muted flush">
        Alerts are kept on this device: {count()} of {MAX_RULES_PER_DEVICE} used. An instant alert fires when its condition holds on two syncs in a row with new trades; a confirmed one
        uses 5-minute averages with volume. After firing, an alert rests 30 minutes and waits for the price to move back.
      </p>
      <Show when={runtime}>
        {(alerts) => <AlertDelivery access={alerts().access()} push={alerts().push()} ios={isIos()} onAsk={() => void alerts().requestAccess()} />}
      </Show>
      <AlertForm draft={editor.draft()} itemNames={itemNames()} error={editor.error()} onChange={editor.change} onSubmit={editor.submit} onCancel={editor.cancel} />
      <section class="journal-section" aria-labelledby="alerts-title">
        <h2 id="alerts-title">Your alerts</h2>
        <AlertList
          rules={data.alerts.rules()}
          lastFired={lastFired()}
          nameOf={nameOf}
          pathOf={pathOf}
          now={data.now()}
          onEdit={editor.edit}
          onDelete={(alert) => void data.alerts.remove(alert.id)}
          onToggle={(alert, enabled) => void data.alerts.setEnabled(alert.id, enabled)}
        />
      </section>
      <section class="journal-section" aria-labelledby="fired-title">
        <h2 id="fired-title">Fired</h2>
        <FiredList fired={data.alerts.fired()} nameOf={nameOf} now={data.now()} />
      </section>
    </div>
  );
}
