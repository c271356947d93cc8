// `/journal`: the user's own trades on this device, profit after tax, open positions. Loaded
// lazily: none of it is in the first paint's code.
import { A, useSearchParams } from '@solidjs/router';
import { createMemo } from 'solid-js';
import { matchTrades, openPositions } from '../../shared/domain/journal-profit';
import { useAppData } from '../app-context';
import { OpenPositions } from '../journal/open-positions';
import { ProfitSummary } from '../journal/profit-summary';
import { createTradeEditor } from '../journal/trade-editor';
import { TradeForm } from '../journal/trade-form';
import { TradeList } from '../journal/trade-list';

export default function JournalPage() {
  const data = useAppData();
  const [search] = useSearchParams();
  const startItem = Number(search.item);
  const editor = createTradeEditor(data, Number.isSafeInteger(startItem) ? startItem : null);
  const nameOf = (itemId: number) => data.item(itemId)?.name ?? `Item ${itemId}`;
  const itemNames = createMemo(() => data.items().map((item) => item.name));
  const ledger = createMemo(() => matchTrades(data.journal.trades()));
  const unmatched = createMemo(() => new Map(ledger().unmatched.map((row) => [row.trade.id, row.quantity])));
  // Held items are valued at the sell leg (the latest instant-buy), where a flipper lists.
  const positions = () => openPositions(ledger().open, (id) => data.prices[id]?.high ?? null, data.now());
  return (
    <div class="item-page journal-page">
      <h1>Journal</h1>
      <p class="muted" style={{ margin: 0 }}>
        Your trades stay on this device. <A href="/limits">Buy limits</A> · <A href="/journal/transfer">Import or export</A>
      </p>
      <TradeForm
        draft={editor.draft()}
        itemNames={itemNames()}
        error={editor.error()}
        warning={editor.warning()}
        onChange={editor.change}
        onSubmit={editor.submit}
        onCancel={editor.cancel}
      />
      <ProfitSummary flips={ledger().flips} nameOf={nameOf} />
      <OpenPositions positions={positions()} nameOf={nameOf} now={data.now()} />
      <section class="journal-section" aria-labelledby="trades-title">
        <h2 id="trades-title">Trades</h2>
        <TradeList trades={data.journal.trades()} nameOf={nameOf} unmatched={unmatched()} onEdit={editor.edit} onDelete={(trade) => void data.journal.remove(trade.id)} />
      </section>
    </div>
  );
}
