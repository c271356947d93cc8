import { A } from '@solidjs/router';

export function NotFoundPage() {
  return (
    <div class="item-page">
      <h1>Page not found</h1>
      <p>
        <A href="/">Back to all items</A>
      </p>
    </div>
  );
}
