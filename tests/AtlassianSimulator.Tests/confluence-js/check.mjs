// Drives the Atlassian simulator with confluence.js (which validates every response with Zod schemas
// derived from Atlassian's OpenAPI specs). Usage: node check.mjs <simulatorBaseUrl>
// Exits 0 when every call succeeds; prints what it did.
import { createClient } from 'confluence.js/core';
import { getSpaces, getPageById, createPage, updatePage, getPages } from 'confluence.js/v2';
import { searchByCQL } from 'confluence.js/v1';

const base = process.argv[2] ?? 'http://127.0.0.1:5099';

async function json(path, init) {
  const response = await fetch(base + path, init);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

const state = await json('/_sim/state');
const cloudId = state.sites[0].cloudId;
const tokens = await json('/_sim/tokens', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'alice@example.com' }),
});

// 3LO tokens go through the API gateway: host is the gateway prefix, the client appends /wiki/...
const client = createClient({
  host: `${base}/api/ex/confluence/${cloudId}`,
  auth: { type: 'bearer', getToken: () => tokens.access_token },
});

const spaces = await getSpaces(client, { limit: 10 });
if (spaces.results.length === 0) throw new Error('no spaces');
console.log(`spaces: ${spaces.results.map((s) => s.key).join(', ')}`);

const space = spaces.results[0];
const home = await getPageById(client, { id: Number(space.homepageId), bodyFormat: 'storage' });
if (!home.body?.storage?.value?.includes('<h1>')) throw new Error('page body missing');
console.log(`home page: ${home.title} (v${home.version.number})`);

const created = await createPage(client, {
  body: {
    spaceId: space.id,
    status: 'current',
    title: `confluence.js check ${Date.now()}`,
    parentId: space.homepageId,
    body: { representation: 'storage', value: '<p>Created by confluence.js</p>' },
  },
});
console.log(`created: ${created.id}`);

const updated = await updatePage(client, {
  id: Number(created.id),
  body: {
    id: created.id,
    status: 'current',
    title: created.title + ' (edited)',
    body: { representation: 'storage', value: '<p>Edited by confluence.js</p>' },
    version: { number: created.version.number + 1, message: 'edit' },
  },
});
if (updated.version.number !== 2) throw new Error('update did not bump the version');
console.log(`updated to v${updated.version.number}`);

let cursor;
let total = 0;
let pages = 0;
do {
  const page = await getPages(client, { limit: 10, cursor });
  total += page.results.length;
  pages++;
  const next = page._links?.next;
  cursor = next ? new URL(next, 'http://x').searchParams.get('cursor') : undefined;
} while (cursor);
if (pages < 2) throw new Error('pagination did not produce several pages');
console.log(`paginated: ${total} pages over ${pages} requests`);

const found = await searchByCQL(client, { cql: `type = page AND title ~ "confluence.js check"`, limit: 5 });
if (!found.results.some((r) => r.content?.id === created.id)) throw new Error('CQL search did not find the new page');
console.log(`cql search: ${found.results.length} result(s)`);

console.log('confluence.js check passed');
