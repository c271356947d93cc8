export function StarButton(props: { name: string; starred: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      class="star"
      aria-pressed={props.starred}
      aria-label={`Watch ${props.name}`}
      title={props.starred ? 'On your watchlist' : 'Add to watchlist'}
      onClick={() => props.onToggle()}
    >
      <span aria-hidden="true">{props.starred ? '★' : '☆'}</span>
    </button>
  );
}
