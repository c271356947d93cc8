// "?": the keyboard shortcuts, in a modal dialog that Esc closes.
import { createEffect, For } from 'solid-js';

export function ShortcutsDialog(props: { open: boolean; shortcuts: ReadonlyArray<readonly [string, string]>; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="shortcuts" aria-labelledby="shortcuts-title" onClose={() => props.onClose()}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        <For each={props.shortcuts}>
          {([key, what]) => (
            <div>
              <dt><kbd>{key}</kbd></dt>
              <dd>{what}</dd>
            </div>
          )}
        </For>
      </dl>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
