// The alert form's state on the alerts page: the draft (an item page's or a row's "Add alert"
// fills the item), its reading into a rule, saving through the book, and the first alert's
// moment to ask for notifications.
import { createEffect, createMemo, createSignal, on } from 'solid-js';
import { createNameResolver } from '../../shared/domain/item-names';
import { AlertCapError, type StoredAlert } from '../db/alerts';
import type { AppData } from '../state/app-data';
import { alertDraftOf, emptyAlertDraft, newAlertId, readAlertDraft, type AlertDraft } from './alert-draft';

export interface AlertEditorDeps {
  data: AppData;
  startItemId: number | null;
  /**
   * The first alert is about to be saved: the moment to ask for notifications, while the tap that
   * submitted the form still counts as the user's (Safari asks only then).
   */
  firstAlert(): void;
}

export function createAlertEditor(deps: AlertEditorDeps) {
  const { data } = deps;
  const itemIdOf = createMemo(() => createNameResolver(data.items()));
  const [draft, setDraft] = createSignal<AlertDraft>(emptyAlertDraft());
  const [error, setError] = createSignal<string | null>(null);
  const [editing, setEditing] = createSignal<StoredAlert | undefined>(undefined);
  // The user's edits, counted, so a save that ends after they began the next alert leaves it be.
  let edits = 0;

  createEffect(
    on(
      () => data.item(deps.startItemId ?? 0)?.name,
      (name) => name && draft().itemName === '' && setDraft({ ...draft(), itemName: name }),
    ),
  );

  const reset = () => {
    setEditing(undefined);
    setError(null);
    setDraft({ ...emptyAlertDraft(draft().itemName) });
  };

  return {
    draft,
    error,
    change(change: Partial<AlertDraft>) {
      edits += 1;
      setDraft({ ...draft(), ...change });
    },
    edit(alert: StoredAlert) {
      setEditing(alert);
      setError(null);
      setDraft(alertDraftOf(alert, data.item(alert.itemId)?.name ?? String(alert.itemId)));
    },
    cancel: reset,
    async submit(): Promise<void> {
      const result = readAlertDraft(draft(), { itemIdOf: itemIdOf(), newId: newAlertId, now: Math.floor(Date.now() / 1000), previous: editing() });
      if (result.error !== undefined) {
        setError(result.error);
        return;
      }
      if (data.alerts.rules().length === 0) deps.firstAlert();
      const editsBefore = edits;
      try {
        await data.alerts.save(result.alert);
      } catch (failure) {
        setError(failure instanceof AlertCapError ? failure.message : `Could not save the alert: ${failure instanceof Error ? failure.message : String(failure)}`);
        return;
      }
      // What the user began typing for the next alert while this one was saved stays.
      if (edits === editsBefore) reset();
      else setError(null);
    },
  };
}
