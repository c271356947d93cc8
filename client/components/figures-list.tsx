// The item's figures in exact gp (the compact form beside), each copied by a tap.
import { For } from 'solid-js';
import { formatPercent, formatPrice } from '../../shared/domain/price-format';
import type { TradeFigures } from '../table/row-figures';
import type { CatalogueItem } from '../db/records';
import { Price } from './price';

export function FiguresList(props: { item: CatalogueItem; figures: TradeFigures }) {
  const rows = () => [
    { label: 'Margin', value: <Price value={props.figures.margin} signed toneOf={props.figures.profit} full /> },
    { label: 'GE tax', value: <Price value={props.figures.tax} full /> },
    { label: 'Profit after tax', value: <Price value={props.figures.profit} signed full /> },
    { label: 'ROI', value: formatPercent(props.figures.roi) },
    { label: 'Buy limit (4h)', value: props.item.limit === null ? '–' : props.item.limit.toLocaleString('en-GB') },
    { label: 'Potential profit (limit)', value: <Price value={props.figures.potential} signed full /> },
    { label: 'Potential (volume-aware)', value: <Price value={props.figures.potentialVolume} signed full /> },
    { label: 'Margin × volume (24h)', value: <Price value={props.figures.marginVolume} signed toneOf={props.figures.profit} full /> },
    { label: 'High alch', value: <Price value={props.item.highalch} full /> },
    { label: 'Alch profit', value: <Price value={props.figures.alchProfit} signed full /> },
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
