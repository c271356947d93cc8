// An import on the transfer page: read the file, show the preview (answers for unknown names
// change it live), write nothing until the user confirms, then all of it in one transaction.
import { createMemo, createSignal } from 'solid-js';
import { createNameResolver } from '../../shared/domain/item-names';
import { ImportFormatError, type ParsedFile } from '../../shared/domain/journal-import';
import { buildPreview } from '../../shared/domain/journal-import-preview';
import { readImportFile } from '../../shared/domain/journal-import-read';
import { tradeKey } from '../../shared/domain/journal-trade';
import type { AppData } from '../state/app-data';

export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function createImportFlow(data: AppData) {
  const [text, setText] = createSignal<string | null>(null);
  const [timeZone, setTimeZone] = createSignal(deviceTimeZone());
  const [account, setAccount] = createSignal('');
  const [choices, setChoices] = createSignal<ReadonlyMap<string, number | null>>(new Map());
  const [done, setDone] = createSignal<string | null>(null);
  const resolveName = createMemo(() => createNameResolver(data.items()));

  const read = createMemo((): { file: ParsedFile; problem?: undefined } | { problem: string; file?: undefined } | null => {
    const body = text();
    if (body === null) return null;
    try {
      return { file: readImportFile(body, { timeZone: timeZone(), account: account().trim() || null }) };
    } catch (error) {
      if (error instanceof ImportFormatError) return { problem: error.message };
      throw error;
    }
  });
  const preview = createMemo(() => {
    const file = read()?.file;
    if (!file) return null;
    // Ids are given once per file read, so the preview's trades keep theirs while it is shown.
    return buildPreview(file, {
      resolveName: resolveName(),
      isKnownId: (id) => data.item(id) !== undefined,
      existing: new Set(data.journal.trades().map(tradeKey)),
      choices: choices(),
      newId: () => crypto.randomUUID(),
    });
  });

  return {
    read,
    preview,
    timeZone,
    setTimeZone,
    account,
    setAccount,
    done,
    async load(file: File) {
      setDone(null);
      setChoices(new Map());
      setText(await file.text());
    },
    /** The user's answer for a name that matched nothing: an item's name, or null to skip its rows. */
    choose(name: string, itemName: string | null) {
      const itemId = itemName === null ? null : resolveName()(itemName);
      if (itemName !== null && itemId === null) return;
      setChoices(new Map(choices()).set(name, itemId));
    },
    async confirm() {
      const current = preview();
      if (!current) return;
      const added = await data.journal.addMany(current.trades);
      for (const entry of read()?.file?.watchlist ?? []) if (!data.watchlist().has(entry.itemId)) await data.setWatched(entry.itemId, true);
      setText(null);
      setDone(`Imported ${added} ${added === 1 ? 'trade' : 'trades'}.`);
    },
    cancel: () => setText(null),
  };
}
