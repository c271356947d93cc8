import { createSignal } from 'solid-js';
import { ITEM_ICON_FALLBACK, iconUrl } from '../lib/icon-url';

/** The wiki's icon; a neutral placeholder when it cannot be fetched (offline, not cached yet). */
export function ItemIcon(props: { icon: string; size?: number }) {
  const [failed, setFailed] = createSignal(false);
  return (
    <img
      class="item-icon"
      src={failed() ? ITEM_ICON_FALLBACK : iconUrl(props.icon)}
      alt=""
      width={props.size ?? 32}
      height={props.size ?? 32}
      loading="lazy"
      decoding="async"
      referrerpolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}
