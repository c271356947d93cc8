// A price in compact form (1.2M) with the exact amount on hover (title) or on a long press,
// which phones have instead of hover. A missing price is a dash, never 0.
import { createSignal, onCleanup } from 'solid-js';
import { formatExact, formatPrice } from '../../shared/domain/price-format';
import { createFlash } from '../live/flash';

const LONG_PRESS_MS = 450;
const SHOW_EXACT_MS = 3000;

export function Price(props: { value: number | null | undefined; signed?: boolean }) {
  const [exact, setExact] = createSignal(false);
  // A live tick lights the changed cell briefly (styles in live/live.css honour reduced motion).
  const flash = createFlash(() => props.value);
  let press: ReturnType<typeof setTimeout> | undefined;
  let hide: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => clearTimeout(press);
  onCleanup(() => {
    clearTimeout(press);
    clearTimeout(hide);
  });
  const tone = () => (!props.signed || props.value == null || props.value === 0 ? undefined : props.value > 0 ? 'pos' : 'neg');
  return (
    <span
      class={`price ${tone() ?? ''}${flash() ? ' flash' : ''}`}
      title={formatExact(props.value)}
      onPointerDown={() => {
        press = setTimeout(() => {
          setExact(true);
          clearTimeout(hide);
          hide = setTimeout(() => setExact(false), SHOW_EXACT_MS);
        }, LONG_PRESS_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
      onContextMenu={(event) => exact() && event.preventDefault()}
    >
      {exact() ? formatExact(props.value) : formatPrice(props.value)}
    </span>
  );
}
