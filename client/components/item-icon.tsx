import { createEffect, createSignal, Show } from 'solid-js';
import { ITEM_ICON_FALLBACK, iconUrl } from '../lib/icon-url';

/**
 * The wiki's icon; a neutral placeholder when it cannot be fetched (offline, not cached yet).
 * While `hold` is set the download has not started: a row scrolled past shows an empty square.
 */
export function ItemIcon(props: { icon: string; size?: number; hold?: boolean }) {
  const [failed, setFailed] = createSignal(false);
  const [started, setStarted] = createSignal(props.hold !== true);
  createEffect(() => props.hold !== true && setStarted(true));
  const size = () => props.size ?? 32;
  return (
    <Show when={started()} fallback={<span class="item-icon" style={{ display: 'inline-block', width: `${size()}px`, height: `${size()}px` }} />}>
      <img
        class="item-icon"
        src={failed() ? ITEM_ICON_FALLBACK : iconUrl(props.icon)}
        alt=""
        width={size()}
        height={size()}
        loading="lazy"
        decoding="async"
        referrerpolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    </Show>
  );
}
