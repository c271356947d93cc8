import { describe, expect, it, vi } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import type { StoredAlert } from '../db/alerts';
import type { AppData } from '../state/app-data';
import { createAlertEditor } from './alert-editor';

// The editor is reactive: run it on Solid's browser build, whose effects run (the node build's do not).
vi.mock('solid-js', () => vi.importActual('solid-js/dist/solid.js'));

const ITEMS = [
  { id: 4151, name: 'Abyssal whip' },
  { id: 2, name: 'Cannonball' },
];

/** An editor over a book whose saves wait until the test lets each one finish. */
function editorWithSlowSaves() {
  const saved: StoredAlert[] = [];
  const pending: Array<() => void> = [];
  const [rules, setRules] = createSignal<StoredAlert[]>([]);
  const data = {
    items: () => ITEMS,
    item: (id: number) => ITEMS.find((item) => item.id === id),
    alerts: {
      rules,
      save: (alert: StoredAlert) =>
        new Promise<void>((resolve) =>
          pending.push(() => {
            saved.push(alert);
            setRules([...saved]);
            resolve();
          }),
        ),
    },
  } as unknown as AppData;
  const [editor, dispose] = createRoot((dispose) => [createAlertEditor({ data, startItemId: 4151, firstAlert: () => {} }), dispose] as const);
  const finishSave = async () => {
    pending.shift()!();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { editor, saved, finishSave, dispose };
}

describe('the alert form while an alert is being saved', () => {
  it('keeps what the user typed for the next alert when the save ends after they began it', async () => {
    const { editor, saved, finishSave, dispose } = editorWithSlowSaves();
    expect(editor.draft().itemName).toBe('Abyssal whip');
    editor.change({ measure: 'sell', op: 'above', target: '2m' });
    const first = editor.submit();
    // Typed before the first save is done.
    editor.change({ itemName: 'Cannonball' });
    editor.change({ measure: 'buy', op: 'below', target: '150' });
    await finishSave();
    await first;
    expect(saved.map((a) => [a.itemId, a.measure, a.op, a.target])).toEqual([[4151, 'sell', 'above', 2_000_000]]);
    expect(editor.draft()).toMatchObject({ itemName: 'Cannonball', measure: 'buy', op: 'below', target: '150' });

    const second = editor.submit();
    await finishSave();
    await second;
    expect(saved.map((a) => [a.itemId, a.measure, a.op, a.target])).toEqual([
      [4151, 'sell', 'above', 2_000_000],
      [2, 'buy', 'below', 150],
    ]);
    dispose();
  });

  it('clears the target once saved when nothing was typed meanwhile, keeping the item for the next alert', async () => {
    const { editor, saved, finishSave, dispose } = editorWithSlowSaves();
    editor.change({ target: '1m' });
    const done = editor.submit();
    expect(editor.draft().target).toBe('1m');
    await finishSave();
    await done;
    expect(saved).toHaveLength(1);
    expect(editor.draft()).toMatchObject({ itemName: 'Abyssal whip', target: '', measure: 'buy' });
    dispose();
  });
});
