// The small labelled tables of the journal pages: a caption-less header row and the body rows.
import { For, type JSX } from 'solid-js';

export function JournalTable(props: { label: string; columns: readonly string[]; children: JSX.Element }) {
  return (
    <table class="journal-table" aria-label={props.label}>
      <thead>
        <tr>
          <For each={props.columns}>{(column) => <th scope="col">{column}</th>}</For>
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
