import { For } from 'solid-js';
import { TIMESTEPS, type Timestep } from '../../shared/domain/timestep';
import { RANGES, type ChartRange } from './chart-range';

function Segmented<T extends string>(props: { legend: string; name: string; options: readonly T[]; value: T; labels?: Record<T, string>; onChange: (value: T) => void }) {
  return (
    <fieldset class="segmented">
      <legend>{props.legend}</legend>
      <For each={props.options}>
        {(option) => (
          <label>
            <input type="radio" name={props.name} value={option} checked={props.value === option} onChange={() => props.onChange(option)} />
            <span>{props.labels?.[option] ?? option}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}

const RANGE_LABELS: Record<ChartRange, string> = { '1D': '1D', '1W': '1W', '1M': '1M', '1Y': '1Y' };

export function ChartControls(props: { range: ChartRange; timestep: Timestep; onRange: (range: ChartRange) => void; onTimestep: (step: Timestep) => void }) {
  return (
    <div style={{ display: 'flex', 'flex-wrap': 'wrap', gap: '12px' }}>
      <Segmented legend="Range" name="range" options={RANGES} value={props.range} labels={RANGE_LABELS} onChange={props.onRange} />
      <Segmented legend="Step" name="timestep" options={TIMESTEPS} value={props.timestep} onChange={props.onTimestep} />
    </div>
  );
}
