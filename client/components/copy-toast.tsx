// "Copied 1,736,412 gp": the short confirmation after a price is tapped.
import { Show } from 'solid-js';

export function CopyToast(props: { message: string | null }) {
  return (
    <div role="status" aria-live="polite" class="copy-status">
      <Show when={props.message}>{(text) => <p class="toast copy-toast">{text()}</p>}</Show>
    </div>
  );
}
