import { Show } from 'solid-js';
import { formatWhen } from '../lib/format-time';

/** "as of 14:05" (when the prices were last confirmed with the server) and a Demo mark. */
export function Freshness(props: { pricesAt: number | null; demo: boolean; error: string | null }) {
  return (
    <span class="freshness">
      <Show when={props.demo}>
        <span class="badge demo" title="Prices come from a simulated market, not the real Grand Exchange">
          Demo
        </span>{' '}
      </Show>
      <Show when={props.pricesAt !== null} fallback={<span>no prices yet</span>}>
        <time datetime={new Date(props.pricesAt ?? 0).toISOString()} title={props.error ?? undefined}>
          as of {formatWhen(props.pricesAt ?? 0, Date.now())}
        </time>
      </Show>
    </span>
  );
}
