/**
 * A minimal static web server for the build tests: serves a folder under a URL prefix (a widget
 * copied into /static/rp/ of another site, a page under a base path), extra in-memory pages, and
 * optional response headers (a Content-Security-Policy). It can be stopped to play "the network
 * dropped", and counts the requests it answered.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { freePort } from './harness';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

export interface StaticSite {
  /** Origin with a trailing slash, e.g. http://127.0.0.1:4321/ */
  url: string;
  /** Requests answered so far (paths). */
  requests: string[];
  close(): Promise<void>;
}

export interface StaticOptions {
  /** Folder served under `prefix` (e.g. "/static/rp/"). */
  dir?: string;
  prefix?: string;
  /** Pages by exact path (e.g. "/docs/page.html" → HTML). */
  pages?: Record<string, string>;
  /** Headers added to every response. */
  headers?: Record<string, string>;
}

/** Serve on 127.0.0.1 at a free port. */
export async function serveStatic(opts: StaticOptions): Promise<StaticSite> {
  const requests: string[] = [];
  const prefix = opts.prefix ?? '/';
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    for (const [k, v] of Object.entries(opts.headers ?? {})) res.setHeader(k, v);
    const page = opts.pages?.[path];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(page);
      return;
    }
    if (opts.dir && path.startsWith(prefix)) {
      let file = normalize(join(opts.dir, path.slice(prefix.length)));
      if (file.startsWith(normalize(opts.dir))) {
        try {
          if (statSync(file).isDirectory()) file = join(file, 'index.html');
          const body = readFileSync(file);
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
          res.end(body);
          return;
        } catch {
          // not found below
        }
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  const port = await freePort();
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
