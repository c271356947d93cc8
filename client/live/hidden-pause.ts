// What a hidden app does with the stream (docs/decisions/0011-hidden-app-stream.md): nothing at
// first, since a switch to the game and back is brief and a reconnect costs a catch-up; after
// HIDDEN_PAUSE_MS off screen the stream is closed, and it resumes (one catch-up from the stored
// cursor) when the app is shown again, or when another tab that is on screen needs it.

/** Five minutes: longer than a glance at the game, short enough not to stream all evening to a pocket. */
export const HIDDEN_PAUSE_MS = 5 * 60_000;

export interface HiddenPauseDeps {
  /** Close the stream. */
  pause(): void;
  /** Open it again now (it resumes from the stored cursor). */
  resume(): void;
  delayMs?: number;
}

export interface HiddenPause {
  /** This tab went off screen: pause after the delay unless it is shown first. */
  hidden(): void;
  /** This tab is on screen again. */
  shown(): void;
  /** A tab on screen needs the stream: resume now, and count this tab's hidden time afresh. */
  needed(): void;
  paused(): boolean;
  stop(): void;
}

export function createHiddenPause(deps: HiddenPauseDeps): HiddenPause {
  const delayMs = deps.delayMs ?? HIDDEN_PAUSE_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let paused = false;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      paused = true;
      deps.pause();
    }, delayMs);
  };
  const shown = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (!paused) return;
    paused = false;
    deps.resume();
  };
  return {
    hidden: arm,
    shown,
    needed() {
      const away = paused || timer !== undefined;
      shown();
      if (away) arm();
    },
    paused: () => paused,
    stop: () => clearTimeout(timer),
  };
}
