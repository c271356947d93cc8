import { For } from 'solid-js';
import { formatPercent, formatPrice } from '../../shared/domain/price-format';
import type { Figures } from '../../shared/domain/figures';
import type { CatalogueItem } from '../db/records';
import { Price } from './price';

export function FiguresList(props: { item: CatalogueItem; figures: Figures }) {
  const rows = () => [
    { label: 'Margin', value: <Price value={props.figures.margin} signed /> },
    { label: 'GE tax', value: <Price value={props.figures.tax} /> },
    { label: 'Profit after tax', value: <Price value={props.figures.profit} signed /> },
    { label: 'ROI', value: formatPercent(props.figures.roi) },
    { label: 'Buy limit (4h)', value: props.item.limit === null ? '–' : props.item.limit.toLocaleString('en-GB') },
    { label: 'High alch', value: <Price value={props.item.highalch} /> },
    { label: 'Alch profit', value: <Price value={props.figures.alchProfit} signed /> },
    { label: 'Volume (1h)', value: formatPrice(props.item.volume1h) },
    { label: 'Volume (24h)', value: formatPrice(props.item.volume24h) },
  ];
  return (
    <dl class="figures">
      <For each={rows()}>
        {(row) => (
          <div>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}
