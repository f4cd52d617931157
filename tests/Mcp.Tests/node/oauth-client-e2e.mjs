// Drives the gateway with the official Node MCP client and its OAuth client provider, with no key: discovery,
// registration (dynamic, or a Client ID Metadata Document when a URL is given), authorization, tokens. The browser part
// is the caller's: this prints {"ask":"authorize","url":…} and reads the URL the browser was redirected to from stdin. Then it
// lists tools, makes the given calls and prints one JSON line with what happened. Usage:
//   node oauth-client-e2e.mjs <mcp url> <redirect url> <client metadata url or ""> '<json array of {name, arguments}>'
import readline from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";

const [url, redirect, metadataUrl, callsJson] = process.argv.slice(2);
if (!url || !redirect) {
  console.error("usage: node oauth-client-e2e.mjs <mcp url> <redirect url> <client metadata url or \"\"> '[calls]'");
  process.exit(2);
}

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
let clientInformation;
let tokens;
let verifier;
const provider = {
  get redirectUrl() { return redirect; },
  clientMetadataUrl: metadataUrl || undefined,
  get clientMetadata() {
    return {
      client_name: "mcp-tests (Node SDK)",
      redirect_uris: [redirect],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  },
  clientInformation: () => clientInformation,
  saveClientInformation: (information) => { clientInformation = information; },
  tokens: () => tokens,
  saveTokens: (saved) => { tokens = saved; },
  redirectToAuthorization: (authorizationUrl) => { console.log(JSON.stringify({ ask: "authorize", url: authorizationUrl.href })); },
  saveCodeVerifier: (saved) => { verifier = saved; },
  codeVerifier: () => verifier,
};

const client = new Client({ name: "node-oauth-e2e", version: "1.0.0" });
try {
  let transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  try {
    await client.connect(transport);
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    const { value: callback } = await lines.next();
    const code = new URL(callback).searchParams.get("code");
    if (!code) throw new Error(`The browser came back without a code: ${callback}`);
    await transport.finishAuth(code);
    transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
    await client.connect(transport);
  }

  const { tools } = await client.listTools();
  const results = [];
  for (const call of JSON.parse(callsJson ?? "[]")) {
    const result = await client.callTool({ name: call.name, arguments: call.arguments ?? {} });
    results.push({ name: call.name, isError: result.isError === true, structuredContent: result.structuredContent ?? null });
  }

  console.log(JSON.stringify({
    clientId: clientInformation?.client_id ?? null,
    refreshToken: Boolean(tokens?.refresh_token),
    tools: tools.map((t) => t.name),
    results,
  }));
  await client.close();
  process.exit(0);
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exit(1);
}
