// "3 min ago" with the clock time on hover, and a visible stale mark once a leg has gone quiet.
import { Show } from 'solid-js';
import { formatAgo } from '../../shared/domain/price-format';
import { formatWhen } from '../lib/format-time';
import { describeStaleAfter } from '../table/row-figures';

export function isStaleLeg(time: number | null | undefined, now: number, staleAfter: number): boolean {
  return time != null && now - time > staleAfter;
}

export function Ago(props: { time: number | null | undefined; now: number }) {
  return (
    <Show when={props.time != null} fallback="–">
      <time datetime={new Date((props.time ?? 0) * 1000).toISOString()} title={formatWhen((props.time ?? 0) * 1000, props.now * 1000)}>
        {formatAgo(props.time, props.now)}
      </time>
    </Show>
  );
}

/** ⚠ and "stale": seen, not only a dimmer colour. */
export function StaleMark(props: { staleAfter: number; short?: boolean }) {
  return (
    <span class="flag stale-flag" title={`Stale: no trade for over ${describeStaleAfter(props.staleAfter)}`}>
      <span aria-hidden="true">⚠</span>
      <Show when={!props.short} fallback={<span class="visually-hidden"> stale</span>}> stale</Show>
    </span>
  );
}

export function LegAgeCell(props: { class: string; time: number | null | undefined; now: number; staleAfter: number }) {
  const stale = () => isStaleLeg(props.time, props.now, props.staleAfter);
  return (
    <td class={`${props.class}${stale() ? ' stale' : ''}`}>
      <Ago time={props.time} now={props.now} />
      <Show when={stale()}>
        <StaleMark staleAfter={props.staleAfter} />
      </Show>
    </td>
  );
}
