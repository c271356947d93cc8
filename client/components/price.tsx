// A price, compact (1.2M) or exact (1,736,412) as the device is set, with the exact amount on
// hover (title). A button: a tap, a long press (phones have no hover), Enter or Space copies the
// exact amount, and the confirmation is announced (copy-toast.tsx). A missing price is a dash, never 0.
import { For, onCleanup, Show } from 'solid-js';
import { formatExact, formatPrice } from '../../shared/domain/price-format';
import { useDisplay } from '../display-context';
import { createFlash } from '../live/flash';

const LONG_PRESS_MS = 450;

export interface PriceProps {
  value: number | null | undefined;
  /** Coloured by sign: gains green, losses red. */
  signed?: boolean;
  /** The value whose sign picks the colour, when it is not this one (a margin coloured by profit). */
  toneOf?: number | null;
  /** Always the exact amount in gp (the item page), the compact form beside it. */
  full?: boolean;
}

export function Price(props: PriceProps) {
  const display = useDisplay();
  // A live tick lights the changed cell briefly (styles in live/live.css honour reduced motion).
  const flash = createFlash(() => props.value);
  let press: ReturnType<typeof setTimeout> | undefined;
  let pressed = false;
  const cancel = () => clearTimeout(press);
  onCleanup(cancel);
  const tone = () => {
    const by = props.toneOf !== undefined ? props.toneOf : props.value;
    return !props.signed || by == null || by === 0 ? '' : by > 0 ? 'pos' : 'neg';
  };
  const copy = () => props.value != null && display.copy(props.value);
  const text = () => {
    if (props.full) return formatExact(props.value);
    return display.numbers() === 'exact' && props.value != null ? Math.round(props.value).toLocaleString('en-GB') : formatPrice(props.value);
  };
  // A narrow cell may break a long exact amount, but only after a comma: "13,299," over "048".
  const groups = () => text().split(/(?<=,)/);
  const compact = () => (props.full && props.value != null && Math.abs(props.value) >= 10_000 ? formatPrice(props.value) : null);
  // Nothing to copy: a plain dash, no stop for the keyboard.
  const dash = <span class="price">{formatPrice(null)}</span>;
  return (
    <Show when={props.value != null} fallback={dash}>
      <button
        type="button"
        class={`price ${tone()}${flash() ? ' flash' : ''}`}
        title={formatExact(props.value)}
        onPointerDown={() => {
          pressed = false;
          press = setTimeout(() => {
            pressed = true;
            copy();
          }, LONG_PRESS_MS);
        }}
        onPointerUp={cancel}
        onPointerLeave={cancel}
        onPointerCancel={cancel}
        // Enter and Space click a button too: the keyboard copies the same exact amount.
        onClick={() => (pressed ? (pressed = false) : copy())}
        onContextMenu={(event) => pressed && event.preventDefault()}
      >
        <For each={groups()}>{(group, i) => <>{i() > 0 && <wbr />}{group}</>}</For>
        <Show when={compact()}>{(short) => <span class="compact"> ({short()})</span>}</Show>
      </button>
    </Show>
  );
}
