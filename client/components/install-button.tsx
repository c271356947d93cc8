import { Show, createSignal } from 'solid-js';

/** Chromium: replays the install prompt. iOS Safari: shows the Add-to-Home-Screen steps. */
export function InstallButton(props: { canInstall: boolean; iosInstructions: boolean; onInstall: () => void }) {
  const [showSteps, setShowSteps] = createSignal(false);
  return (
    <>
      <Show when={props.canInstall}>
        <button type="button" class="primary" onClick={() => props.onInstall()}>
          Install
        </button>
      </Show>
      <Show when={!props.canInstall && props.iosInstructions}>
        <button type="button" aria-expanded={showSteps()} aria-controls="ios-install" onClick={() => setShowSteps(!showSteps())}>
          Install
        </button>
        <Show when={showSteps()}>
          <div id="ios-install" class="toast" role="dialog" aria-label="Add to Home Screen">
            <p>
              In Safari, tap <strong>Share</strong> <span aria-hidden="true">(□↑)</span>, then <strong>Add to Home Screen</strong>. GE Tracker then
              opens full screen and works offline.
            </p>
            <button type="button" onClick={() => setShowSteps(false)}>
              OK
            </button>
          </div>
        </Show>
      </Show>
    </>
  );
}
