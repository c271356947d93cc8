// `/journal/transfer`: export the journal and watchlist, import our own file or another tool's.
// Loaded lazily, works offline: files never leave the device.
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { exportCsv, exportJson } from '../../shared/domain/journal-export';
import { FORMAT_NAMES } from '../../shared/domain/journal-import';
import { useAppData } from '../app-context';
import { listWatchEntries } from '../db/watchlist';
import { downloadFile } from '../journal/download';
import { createImportFlow } from '../journal/import-flow';
import { ImportPreviewPanel } from '../journal/import-preview';

export default function TransferPage() {
  const data = useAppData();
  const flow = createImportFlow(data);
  const itemNames = createMemo(() => data.items().map((item) => item.name));
  const stamp = () => new Date().toISOString().slice(0, 10);
  const exportAll = async () => downloadFile(`ge-tracker-${stamp()}.json`, exportJson(data.journal.trades(), await listWatchEntries(data.db), Date.now() / 1000), 'application/json');
  const exportTable = () => downloadFile(`ge-tracker-journal-${stamp()}.csv`, exportCsv(data.journal.trades(), (id) => data.item(id)?.name ?? ''), 'text/csv');
  return (
    <div class="item-page journal-page">
      <h1>Import and export</h1>
      <p class="muted" style={{ margin: 0 }}>
        <A href="/journal">Back to the journal</A>
      </p>
      <section class="journal-section" aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        <div class="form-actions">
          <button type="button" onClick={() => void exportAll()}>Export journal and watchlist (JSON)</button>
          <button type="button" onClick={exportTable}>Export journal (CSV)</button>
        </div>
      </section>
      <section class="journal-section trade-form" aria-labelledby="import-title">
        <h2 id="import-title">Import</h2>
        <label>
          File to import
          <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(event) => event.currentTarget.files?.[0] && void flow.load(event.currentTarget.files[0])} />
        </label>
        <label>
          Time zone of the exporting PC (Flipping Utilities CSV)
          <input list="journal-time-zones" value={flow.timeZone()} onChange={(event) => flow.setTimeZone(event.currentTarget.value)} />
        </label>
        <datalist id="journal-time-zones">
          <For each={Intl.supportedValuesOf('timeZone')}>{(zone) => <option value={zone} />}</For>
        </datalist>
        <label>
          Account, for files of one account (optional)
          <input autocomplete="off" value={flow.account()} onInput={(event) => flow.setAccount(event.currentTarget.value)} />
        </label>
        <datalist id="journal-item-names">
          <For each={itemNames()}>{(name) => <option value={name} />}</For>
        </datalist>
      </section>
      <Show when={flow.read()?.problem}>{(problem) => <p class="banner" role="alert">{problem()}</p>}</Show>
      <Show when={flow.preview()}>
        {(preview) => <ImportPreviewPanel format={FORMAT_NAMES[flow.read()!.file!.format]} preview={preview()} onChoose={flow.choose} onConfirm={() => void flow.confirm()} onCancel={flow.cancel} />}
      </Show>
      <Show when={flow.done()}>{(text) => <p role="status" class="notice">{text()}</p>}</Show>
    </div>
  );
}
