// Drives the gateway with the official Node MCP client: connect with an API key, list tools, make the given calls,
// and print one JSON line with what happened. Usage:
//   node client-e2e.mjs <mcp url> <api key> '<json array of {name, arguments}>'
// Exit code 0 when every step completed (a tool result with isError still completes); non-zero otherwise.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, key, callsJson] = process.argv.slice(2);
if (!url || !key) {
  console.error("usage: node client-e2e.mjs <mcp url> <api key> '[{\"name\":\"…\",\"arguments\":{…}}]'");
  process.exit(2);
}

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${key}` } },
});
const client = new Client({ name: "node-e2e", version: "1.0.0" }, { capabilities: { elicitation: { url: {} } } });

try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  const results = [];
  for (const call of JSON.parse(callsJson ?? "[]")) {
    try {
      const result = await client.callTool({ name: call.name, arguments: call.arguments ?? {} });
      results.push({
        name: call.name,
        isError: result.isError === true,
        text: (result.content ?? []).filter((c) => c.type === "text").map((c) => c.text).join(""),
        structuredContent: result.structuredContent ?? null,
      });
    } catch (error) {
      results.push({ name: call.name, error: { code: error.code ?? null, message: error.message, data: error.data ?? null } });
    }
  }

  console.log(JSON.stringify({
    protocolVersion: transport.protocolVersion ?? null,
    sessionId: transport.sessionId ?? null,
    tools: tools.map((t) => t.name),
    results,
  }));
  await client.close();
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exit(1);
}
