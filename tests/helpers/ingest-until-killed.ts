// Child process for the crash test: commits one full /latest, then ingests a second one that
// changes every item and stops inside the open transaction, announcing it on stdout, so the
// parent can SIGKILL it there. Usage: ingest-until-killed.ts DB_PATH ITEM_COUNT
import { openDatabase } from '../../server/store/db';
import { ensureStreamState } from '../../server/store/stream-state';
import { ingestLatest } from '../../server/store/price-writes';
import { crashSnapshot } from './crash-snapshot';

const [path, count] = process.argv.slice(2);
if (!path || !count) throw new Error('usage: ingest-until-killed.ts DB_PATH ITEM_COUNT');
const store = await openDatabase(`sqlite:${path}`);
await ensureStreamState(store.db);
const committed = await ingestLatest(store.db, crashSnapshot(Number(count), 1));
process.stdout.write(`committed ${committed.seq}\n`);
await ingestLatest(store.db, crashSnapshot(Number(count), 2), {
  beforeCommit: async () => {
    process.stdout.write('in-transaction\n');
    // Hold the transaction open until the parent kills this process.
    await new Promise(() => undefined);
  },
});
