import { afterEach, describe, expect, it, vi } from 'vitest';
import { onCameBack, type CameBack } from './came-back';

afterEach(() => {
  vi.useRealTimers();
});

function fakePage() {
  const page = { window: new EventTarget(), document: Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState }) };
  const show = (state: DocumentVisibilityState) => {
    page.document.visibilityState = state;
    page.document.dispatchEvent(new Event('visibilitychange'));
  };
  return { page, show };
}

describe('coming back online or visible', () => {
  it('tells of the network coming back, and of the app shown again with how long it was hidden', () => {
    vi.useFakeTimers();
    const { page, show } = fakePage();
    const heard: CameBack[] = [];
    onCameBack((back) => heard.push(back), page);
    page.window.dispatchEvent(new Event('online'));
    show('hidden');
    vi.advanceTimersByTime(45_000);
    show('visible');
    expect(heard).toEqual([
      { cause: 'online', hiddenMs: 0 },
      { cause: 'visible', hiddenMs: 45_000 },
    ]);
  });

  it('says nothing when the app is hidden, and no time away when it never saw it hidden', () => {
    const { page, show } = fakePage();
    const heard: CameBack[] = [];
    onCameBack((back) => heard.push(back), page);
    show('visible');
    show('hidden');
    expect(heard).toEqual([{ cause: 'visible', hiddenMs: 0 }]);
  });
});

describe('going off screen', () => {
  it('tells each time the app is hidden, and not when it is shown', async () => {
    const { onWentHidden } = await import('./came-back');
    const { page, show } = fakePage();
    let hidden = 0;
    onWentHidden(() => (hidden += 1), page);
    show('hidden');
    show('visible');
    show('hidden');
    expect(hidden).toBe(2);
  });
});
