// Drives the Atlassian simulator with confluence.js (which validates every response with Zod schemas
// derived from Atlassian's OpenAPI specs). Usage: node check.mjs <simulatorBaseUrl>
// Exits 0 when every call succeeds; prints what it did.
import { createClient } from 'confluence.js/core';
import {
  getSpaces, getSpaceById, getPageById, createPage, updatePage, getPages, getPagesInSpace, getChildPages, getPageAncestors,
  getPageDescendants, getPageDirectChildren, getPageVersions, getPageVersionDetails, getPageLabels, getLabels,
  getPageFooterComments, getPageInlineComments, getFooterCommentChildren, createFooterComment, getInlineCommentById,
  getAttachments, getPageAttachments, getAttachmentById, getBlogPosts, getBlogPostById, getPageContentProperties,
  createWhiteboard, getWhiteboardById,
} from 'confluence.js/v2';
import { searchByCQL, searchUser, getGroups, getGroupMembersByGroupId, getCurrentUser, getUser, addLabelsToContent, removeLabelFromContent } from 'confluence.js/v1';

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

// A sweep of further reads and writes: each response goes through confluence.js's Zod schemas.
const pageId = Number(created.id);
const sweep = {
  getSpaceById: () => getSpaceById(client, { id: Number(space.id) }),
  getPagesInSpace: () => getPagesInSpace(client, { id: Number(space.id), limit: 5 }),
  getChildPages: () => getChildPages(client, { id: Number(space.homepageId) }),
  getPageDirectChildren: () => getPageDirectChildren(client, { id: Number(space.homepageId) }),
  getPageDescendants: () => getPageDescendants(client, { id: Number(space.homepageId), depth: 3 }),
  getPageAncestors: () => getPageAncestors(client, { id: pageId }),
  getPageVersions: () => getPageVersions(client, { id: pageId }),
  getPageVersionDetails: () => getPageVersionDetails(client, { pageId, versionNumber: 1 }),
  getPageLabels: () => getPageLabels(client, { id: pageId }),
  getLabels: () => getLabels(client, {}),
  createFooterComment: () => createFooterComment(client, { pageId: created.id, body: { storage: { representation: 'storage', value: '<p>nested body</p>' } } }),
  getPageFooterComments: () => getPageFooterComments(client, { id: pageId, bodyFormat: 'storage' }),
  getAttachments: () => getAttachments(client, { limit: 5 }),
  getBlogPosts: () => getBlogPosts(client, { limit: 5, bodyFormat: 'storage' }),
  getPageContentProperties: () => getPageContentProperties(client, { pageId }),
  createWhiteboard: () => createWhiteboard(client, { body: { spaceId: space.id, title: 'confluence.js board' } }),
  searchUser: () => searchUser(client, { cql: 'type = user AND user.fullname ~ "bob"' }),
  getGroups: () => getGroups(client, {}),
  getCurrentUser: () => getCurrentUser(client, {}),
  addLabelsToContent: () => addLabelsToContent(client, { id: pageId, body: [{ prefix: 'global', name: 'from-js' }] }),
  removeLabelFromContent: () => removeLabelFromContent(client, { id: pageId, label: 'from-js' }),
};
const results = {};
for (const [name, call] of Object.entries(sweep)) {
  results[name] = await call();
}
const firstPageWithComments = (await getPages(client, { limit: 5 })).results[1];
const inline = (await getPageInlineComments(client, { id: Number(firstPageWithComments.id) })).results;
const footer = (await getPageFooterComments(client, { id: Number(firstPageWithComments.id) })).results;
if (inline.length > 0) await getInlineCommentById(client, { commentId: Number(inline[0].id), bodyFormat: 'storage' });
if (footer.length > 0) await getFooterCommentChildren(client, { id: Number(footer[0].id) });
const attachments = await getPageAttachments(client, { id: Number(firstPageWithComments.id) });
if (attachments.results.length > 0) await getAttachmentById(client, { id: attachments.results[0].id });
const blog = (await getBlogPosts(client, { limit: 1 })).results[0];
await getBlogPostById(client, { id: Number(blog.id), bodyFormat: 'view' });
await getWhiteboardById(client, { id: Number(results.createWhiteboard.id) });
const group = results.getGroups.results[0];
await getGroupMembersByGroupId(client, { groupId: group.id });
await getUser(client, { accountId: results.getCurrentUser.accountId });
console.log(`sweep: ${Object.keys(sweep).length + 7} more calls validated`);

// Shared-credential mode: Basic email:api_token against the site itself.
const basic = createClient({
  host: `${base}/site/${state.sites[0].name}`,
  auth: { type: 'basic', email: 'alice@example.com', apiToken: 'api-token-alice' },
});
const basicSpaces = await getSpaces(basic, {});
await getPageById(basic, { id: pageId, bodyFormat: 'atlas_doc_format' });
console.log(`basic auth: ${basicSpaces.results.length} spaces`);

console.log('confluence.js check passed');
