// Served at / and app routes while the client has not been built (no dist/index.html), so a fresh
// checkout still shows something useful instead of a 404.
export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GE Tracker</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style>
</head>
<body>
<h1>GE Tracker</h1>
<p>Old School RuneScape Grand Exchange prices, live. The web app has not been built yet
(run <code>npm run build</code>); the API is up:</p>
<ul>
<li><a href="/api/v1/items">/api/v1/items</a>: the catalogue with latest prices, margins and ROI</li>
<li><a href="/api/v1/health">/api/v1/health</a>: sync and stream status</li>
</ul>
</body>
</html>
`;
