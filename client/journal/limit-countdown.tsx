// One open buy-limit window: bought so far against the limit, how many remain ("?" when the
// limit is unknown), and the reset as a clock time and a countdown ticking each second.
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { formatCountdown, type LimitWindow } from '../../shared/domain/journal-limits';
import { formatClock } from '../lib/format-time';
import { createClock } from '../state/clock';

export function LimitCountdown(props: { window: LimitWindow }) {
  const now = createClock(1000);
  const limit = () => (props.window.limit === null ? '?' : props.window.limit.toLocaleString('en-GB'));
  const remaining = () => (props.window.remaining === null ? '?' : props.window.remaining.toLocaleString('en-GB'));
  return (
    <div class="limit-window">
      <div>
        Bought {props.window.bought.toLocaleString('en-GB')} of {limit()} · <strong>{remaining()} left</strong>
        <Show when={props.window.account}>{(account) => <span class="muted"> ({account()})</span>}</Show>
      </div>
      <div role="timer" aria-label="Limit resets">
        Resets at {formatClock(props.window.resetAt * 1000)}, in {formatCountdown(props.window.resetAt - now())}
      </div>
    </div>
  );
}

/** Said beside a countdown: where to ask to be told of the reset. */
export function LimitAlertsNote() {
  return <p class="muted" style={{ margin: 0, 'font-size': '0.8rem' }}>To be told when a limit resets, tick “Notify me” on <A href="/limits">Buy limits</A>.</p>;
}
