import { Show } from 'solid-js';

export function UpdatePrompt(props: { visible: boolean; onReload: () => void; onDismiss: () => void }) {
  return (
    <Show when={props.visible}>
      <div class="toast" role="alert">
        <p>Update available.</p>
        <button type="button" class="primary" onClick={() => props.onReload()}>
          Reload
        </button>
        <button type="button" onClick={() => props.onDismiss()} aria-label="Later">
          Later
        </button>
      </div>
    </Show>
  );
}
