// Prints what each page loads up front (the files its HTML links), raw and gzip-compressed.
// Run after a build: `npm run size`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const out = new URL('../../wwwroot/', import.meta.url).pathname;
for (const page of ['viewer.html', 'index.html', 'studio.html']) {
  const html = readFileSync(join(out, page));
  const files = [...new Set([...html.toString().matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map(m => m[1]))];
  let raw = html.length, gz = gzipSync(html, { level: 9 }).length;
  for (const file of files) {
    const bytes = readFileSync(join(out, file));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  console.log(`${page.padEnd(12)} ${(raw / 1024).toFixed(1).padStart(6)} KiB raw  ${(gz / 1024).toFixed(1).padStart(5)} KiB gzip  (${files.length} files)`);
}
