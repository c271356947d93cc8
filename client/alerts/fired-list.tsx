// The alerts that fired on this device or were pushed to it, newest first.
import { For } from 'solid-js';
import type { FiredRecord } from '../db/alerts';
import { formatWhen } from '../lib/format-time';
import { formatFiredValue, MEASURE_NAMES } from './alert-text';

export interface FiredListProps {
  fired: readonly FiredRecord[];
  nameOf: (itemId: number) => string;
  /** Unix seconds. */
  now: number;
}

export function FiredList(props: FiredListProps) {
  return (
    <ol class="trade-list" aria-label="Fired alerts">
      <For each={props.fired} fallback={<li class="muted">No alert has fired on this device yet.</li>}>
        {(fired) => (
          <li>
            <div>
              <strong>{props.nameOf(fired.itemId)}</strong>: {MEASURE_NAMES[fired.measure]} {formatFiredValue(fired)}
            </div>
            <div class="muted">
              {formatWhen(fired.firedAt * 1000, props.now * 1000)} · {fired.source === 'push' ? 'pushed by the server' : 'seen on this device'}
            </div>
          </li>
        )}
      </For>
    </ol>
  );
}
