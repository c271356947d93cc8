// The form that adds or edits an alert. It shows the draft and reports edits; the page reads the
// draft and saves it.
import { For, Show } from 'solid-js';
import { ALERT_MODES, KIND_MEASURES, type AlertKind, type AlertMeasure } from '../../shared/domain/alert-rules';
import { EntryForm, ItemNameField } from '../components/entry-form';
import { targetHint, type AlertDraft } from './alert-draft';
import { MEASURE_NAMES } from './alert-text';

export interface AlertFormProps {
  draft: AlertDraft;
  itemNames: readonly string[];
  error: string | null;
  onChange: (change: Partial<AlertDraft>) => void;
  onSubmit: () => Promise<void>;
  onCancel: () => void;
}

// Short, so a phone's select shows them whole; the page's note says what each mode means.
const KIND_NAMES: Record<AlertKind, string> = { threshold: 'Crosses a target', move: 'Moves by %', dump: 'Dumps' };
const MODE_NAMES = { instant: 'Instant', confirmed: 'Confirmed' } as const;

export function AlertForm(props: AlertFormProps) {
  const editing = () => props.draft.id !== null;
  const measures = () => KIND_MEASURES[props.draft.kind];
  return (
    <EntryForm
      class="trade-form alert-form"
      label={editing() ? 'Edit alert' : 'Add an alert'}
      error={props.error}
      submitLabel={editing() ? 'Save alert' : 'Add alert'}
      editing={editing()}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <ItemNameField listId="alert-item-names" value={props.draft.itemName} names={props.itemNames} onChange={(itemName) => props.onChange({ itemName })} />
      <label>
        Alert when
        <select
          value={props.draft.kind}
          onChange={(event) => {
            const kind = event.currentTarget.value as AlertKind;
            const measure = KIND_MEASURES[kind].includes(props.draft.measure) ? props.draft.measure : 'buy';
            props.onChange({ kind, measure });
          }}
        >
          <For each={Object.entries(KIND_NAMES)}>{([kind, name]) => <option value={kind}>{name}</option>}</For>
        </select>
      </label>
      <label>
        Measure
        <select value={props.draft.measure} onChange={(event) => props.onChange({ measure: event.currentTarget.value as AlertMeasure })}>
          <For each={measures()}>{(measure) => <option value={measure}>{MEASURE_NAMES[measure]}</option>}</For>
        </select>
      </label>
      <Show when={props.draft.kind !== 'dump'}>
        <label>
          Direction
          <select value={props.draft.op} onChange={(event) => props.onChange({ op: event.currentTarget.value === 'above' ? 'above' : 'below' })}>
            <option value="below">{props.draft.kind === 'move' ? 'Down' : 'Below'}</option>
            <option value="above">{props.draft.kind === 'move' ? 'Up' : 'Above'}</option>
          </select>
        </label>
      </Show>
      <label>
        Target
        <input inputmode="decimal" autocomplete="off" placeholder={targetHint(props.draft.kind, props.draft.measure)} value={props.draft.target} onInput={(event) => props.onChange({ target: event.currentTarget.value })} />
      </label>
      <Show when={props.draft.kind === 'move'}>
        <label>
          Over
          <select value={props.draft.window} onChange={(event) => props.onChange({ window: event.currentTarget.value === '24h' ? '24h' : '1h' })}>
            <option value="1h">1 hour</option>
            <option value="24h">24 hours</option>
          </select>
        </label>
      </Show>
      <label>
        Mode
        <select value={props.draft.mode} onChange={(event) => props.onChange({ mode: event.currentTarget.value === 'confirmed' ? 'confirmed' : 'instant' })}>
          <For each={ALERT_MODES}>{(mode) => <option value={mode}>{MODE_NAMES[mode]}</option>}</For>
        </select>
      </label>
      <label>
        Expires (optional)
        <input type="datetime-local" value={props.draft.expires} onInput={(event) => props.onChange({ expires: event.currentTarget.value })} />
      </label>
    </EntryForm>
  );
}
