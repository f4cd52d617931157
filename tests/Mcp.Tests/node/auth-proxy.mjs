// A loopback reverse proxy that adds "Authorization: Bearer <key>" to every request, so the conformance suite (which
// cannot send headers) can test an authenticated endpoint. Host and Origin pass through unchanged, so the gateway's
// DNS-rebinding checks see what the suite sent. Streams both ways (SSE included).
//   node auth-proxy.mjs <target base url> <api key> [port]   -> prints "listening <port>" once ready
import http from "node:http";

const [target, key, portArg] = process.argv.slice(2);
const upstream = new URL(target);

const server = http.createServer((request, response) => {
  const headers = { ...request.headers, authorization: `Bearer ${key}` };
  const forwarded = http.request(
    { hostname: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  forwarded.on("error", (error) => {
    if (!response.headersSent) {
      response.writeHead(502, { "content-type": "text/plain" });
    }
    response.end(String(error));
  });
  request.pipe(forwarded);
  response.on("close", () => forwarded.destroy());
});

server.listen(Number(portArg ?? 0), "127.0.0.1", () => console.log(`listening ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
