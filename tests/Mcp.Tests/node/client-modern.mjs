// Drives the gateway with the official Node MCP client v2 (@modelcontextprotocol/client) pinned to protocol revision
// 2026-07-28: no session, per-request metadata and Mcp-Method/Mcp-Name headers. It lists tools, calls the ChatGPT-shaped
// search and fetch, reads a page as a resource, then opens a subscriptions/listen stream and asks the caller to change
// the user's tools ({"ask":"change-tools"} on stdout, any line back on stdin) and waits for tools/list_changed.
// Usage: node client-modern.mjs <mcp url> <api key> <search query> <page id>
// Prints one JSON line with what happened; exit code 0 when every step completed.
import { createInterface } from "node:readline";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

const [url, key, query, pageId] = process.argv.slice(2);
if (!url || !key || !query || !pageId) {
  console.error("usage: node client-modern.mjs <mcp url> <api key> <search query> <page id>");
  process.exit(2);
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const within = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms))]);

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${key}` } },
});
const client = new Client({ name: "node-modern", version: "2.4.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });

try {
  await client.connect(transport);
  const before = (await client.listTools()).tools.map((t) => t.name);
  const search = await client.callTool({ name: "search", arguments: { query } });
  const firstHit = search.structuredContent?.results?.[0] ?? null;
  const fetched = firstHit ? await client.callTool({ name: "fetch", arguments: { id: firstHit.id } }) : null;
  const { resourceTemplates } = await client.listResourceTemplates();
  const resource = await client.readResource({ uri: `confluence://pages/${pageId}` });

  let changed;
  const heard = new Promise((resolve) => { changed = resolve; });
  client.setNotificationHandler("notifications/tools/list_changed", () => changed(true));
  const subscription = await client.listen({ toolsListChanged: true });
  console.log(JSON.stringify({ ask: "change-tools" }));
  await lines.next();
  const listChanged = await within(heard, 15000, "notifications/tools/list_changed");
  const after = (await client.listTools({}, { cacheMode: "bypass" })).tools.map((t) => t.name);
  await subscription.close();

  console.log(JSON.stringify({
    protocolVersion: client.getNegotiatedProtocolVersion() ?? null,
    sessionId: transport.sessionId ?? null,
    honoredFilter: subscription.honoredFilter,
    before,
    after,
    listChanged,
    search: { isError: search.isError === true, results: search.structuredContent?.results ?? null },
    fetched: fetched ? { isError: fetched.isError === true, document: fetched.structuredContent ?? null } : null,
    resourceTemplates: resourceTemplates.map((t) => t.uriTemplate),
    resource: resource.contents.map((c) => ({ uri: c.uri, mimeType: c.mimeType ?? null, text: c.text ?? null })),
  }));
  await client.close();
  process.exit(0);
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exit(1);
}
