// The device's alert rules, each with when it last fired and at what price, a switch, edit and
// delete.
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { formatExact } from '../../shared/domain/price-format';
import { EntryActions } from '../components/entry-form';
import type { FiredRecord, StoredAlert } from '../db/alerts';
import { formatWhen } from '../lib/format-time';
import { describeRule } from './alert-text';

export interface AlertListProps {
  rules: readonly StoredAlert[];
  /** Rule id -> its newest fired entry. */
  lastFired: ReadonlyMap<string, FiredRecord>;
  nameOf: (itemId: number) => string;
  pathOf: (itemId: number) => string;
  /** Unix seconds. */
  now: number;
  onEdit: (alert: StoredAlert) => void;
  onDelete: (alert: StoredAlert) => void;
  onToggle: (alert: StoredAlert, enabled: boolean) => void;
}

export function AlertList(props: AlertListProps) {
  return (
    <ul class="trade-list" aria-label="Your alerts">
      <For each={props.rules} fallback={<li class="muted">No alerts yet. Add one above, or from an item’s page.</li>}>
        {(alert) => {
          const label = () => `${props.nameOf(alert.itemId)}: ${describeRule(alert)}`;
          const expired = () => alert.expiresAt !== null && alert.expiresAt <= props.now;
          return (
            <li aria-label={label()}>
              <div>
                <A href={props.pathOf(alert.itemId)}>
                  <strong>{props.nameOf(alert.itemId)}</strong>
                </A>
                : {describeRule(alert)} <span class="badge">{alert.mode}</span>
                <Show when={expired()}>
                  <span class="flag">expired</span>
                </Show>
              </div>
              <div class="muted">
                <Show when={props.lastFired.get(alert.id)} fallback="Not fired yet">
                  {(last) => (
                    <>
                      Last fired {formatWhen(last().firedAt * 1000, props.now * 1000)}
                      <Show when={last().price !== null}> at {formatExact(last().price)}</Show>
                    </>
                  )}
                </Show>
                <Show when={alert.expiresAt}>{(at) => <> · {expired() ? 'expired' : 'expires'} {formatWhen(at() * 1000, props.now * 1000)}</>}</Show>
              </div>
              <EntryActions label={label()} onEdit={() => props.onEdit(alert)} onDelete={() => props.onDelete(alert)}>
                <label class="check">
                  <input type="checkbox" checked={alert.enabled} onChange={(event) => props.onToggle(alert, event.currentTarget.checked)} />
                  On
                </label>
              </EntryActions>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
