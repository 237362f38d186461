/**
 * A small static file server for dist/: `node scripts/serve.ts [dir] [port]`.
 * Used by `npm start` and by the browser tests; any web server or CDN can host dist/ instead.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.parquet': 'application/vnd.apache.parquet',
  '.webmanifest': 'application/manifest+json',
};

/** Resolves a URL path to a file inside `root`, or null (never escapes root). */
export function resolvePath(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root + sep)) return null;
  for (const candidate of [full, join(full, 'index.html')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

/** Creates (does not start) a server for the static site in `dir`. */
export function createStaticServer(dir: string): Server {
  const root = resolve(dir);
  return createServer((req, res) => {
    const url = req.url ?? '/';
    const urlPath = url.split('?')[0] ?? '/';
    // Directory URLs without the trailing slash redirect, as most static hosts do.
    const file = resolvePath(root, url);
    if (file && !urlPath.endsWith('/') && file.endsWith(`${sep}index.html`) && !urlPath.endsWith('.html')) {
      res.writeHead(301, { location: `${urlPath}/` });
      res.end();
      return;
    }
    const status = file ? 200 : 404;
    const target = file ?? resolvePath(root, '/404.html');
    if (!target) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(status, {
      'content-type': types[extname(target)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(target).pipe(res);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 4321);
  createStaticServer(dir).listen(port, '127.0.0.1', () => {
    console.log(`Serving ${dir}/ on http://localhost:${port}/ (Ctrl+C to stop)`);
  });
}
