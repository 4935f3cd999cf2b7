// The official TypeScript SDK v2 server (@modelcontextprotocol/server, createMcpHandler) on 127.0.0.1, for
// mcpload's interop tests of MCP 2026-07-28. Usage:
//   node sdk2-server.mjs <path of @modelcontextprotocol/server's dist/index.mjs> <port> <legacy> <responseMode>
// legacy: 'reject' (modern only) or 'stateless' (dual era); responseMode: auto, json or sse.
// The SDK is imported by path: this script lives in the test resources, the SDK in peers/node_modules.
// Prints "sdk2 server listening on port N" on stderr when ready.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const [sdkPath, portText, legacy = 'reject', responseMode = 'auto'] = process.argv.slice(2);
const sdk = await import(pathToFileURL(sdkPath).href);
const { McpServer, createMcpHandler, fromJsonSchema, inputRequired, acceptedContent, inputResponse,
    createRequestStateCodec } = sdk;

// Multi round-trip requests (2026-07-28 input_required): the requestState is signed, and the SDK refuses a
// retry whose state was altered (-32602), so a client that does not echo it byte for byte fails.
const stateCodec = createRequestStateCodec({ key: 'mcpload-interop-request-state-key-32b' });

function newServer() {
    const server = new McpServer({ name: 'sdk2-interop', version: '1.0.0' },
        { requestState: { verify: stateCodec.verify } });
    // Parameters mirrored into Mcp-Param-* headers (x-mcp-header): the SDK answers -32020 when a header is
    // missing or does not match the body, so a client that does not mirror them fails every call.
    server.registerTool('regional', {
        description: 'Answers from a region.',
        inputSchema: fromJsonSchema({ type: 'object', properties: {
            region: { type: 'string', 'x-mcp-header': 'Region' },
            options: { type: 'object', properties: { shards: { type: 'integer', 'x-mcp-header': 'Shards' },
                dryRun: { type: 'boolean', 'x-mcp-header': 'Dry-Run' } } },
            query: { type: 'string' } }, required: ['region', 'query'] }),
    }, async ({ region, options }) => ({ content: [{ type: 'text',
        text: `${region}:${options?.shards ?? '-'}:${options?.dryRun ?? '-'}` }] }));
    // Asks for a name (form elicitation); with the answer and the state echoed, greets.
    server.registerTool('ask_name', {
        description: 'Asks for your name, then greets you.',
        inputSchema: fromJsonSchema({ type: 'object', properties: {} }),
    }, async (_args, ctx) => {
        const answer = acceptedContent(ctx.mcpReq.inputResponses, 'name');
        if (typeof answer?.name === 'string') {
            return { content: [{ type: 'text', text: `Hello, ${answer.name}!` }] };
        }
        const given = inputResponse(ctx.mcpReq.inputResponses, 'name');
        if (given.kind === 'elicit') {
            return { isError: true, content: [{ type: 'text', text: `no name: ${given.action}` }] };
        }
        return inputRequired({
            inputRequests: { name: inputRequired.elicit({ message: 'What is your name?', requestedSchema: {
                type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } }) },
            requestState: await stateCodec.mint({ tool: 'ask_name' }),
        });
    });
    // Asks the client's model (sampling) and returns its text; no requestState.
    server.registerTool('summarize', {
        description: 'Summarises a text with the client model.',
        inputSchema: fromJsonSchema({ type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }),
    }, async ({ text }, ctx) => {
        const given = inputResponse(ctx.mcpReq.inputResponses, 'summary');
        if (given.kind === 'sampling') {
            const blocks = Array.isArray(given.result.content) ? given.result.content : [given.result.content];
            return { content: [{ type: 'text', text: blocks.filter((b) => b?.type === 'text').map((b) => b.text).join('') }] };
        }
        return inputRequired({ inputRequests: { summary: inputRequired.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: `Summarise: ${text}` } }], maxTokens: 50 }) } });
    });
    server.registerTool('echo', {
        description: 'Echoes its message.',
        inputSchema: fromJsonSchema({ type: 'object', properties: { message: { type: 'string' } }, required: ['message'] }),
    }, async ({ message }) => ({ content: [{ type: 'text', text: message }] }));
    server.registerTool('add', {
        description: 'Adds two numbers.',
        inputSchema: fromJsonSchema({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] }),
    }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
    // A name outside header-safe ASCII: the client must send Mcp-Name Base64-wrapped, and the SDK checks it.
    server.registerTool('grüße', {
        description: 'Greets, under a non-ASCII name.',
        inputSchema: fromJsonSchema({ type: 'object', properties: {} }),
    }, async () => ({ content: [{ type: 'text', text: 'servus' }] }));
    server.registerTool('fail', {
        description: 'Always fails (isError).',
        inputSchema: fromJsonSchema({ type: 'object', properties: {} }),
    }, async () => ({ isError: true, content: [{ type: 'text', text: 'failed, as asked' }] }));
    server.registerResource('readme', 'doc://readme', { mimeType: 'text/plain' },
        async (uri) => ({ contents: [{ uri: uri.href, text: 'hello from the SDK v2 server' }] }));
    server.registerPrompt('greet', {
        description: 'A greeting.',
        argsSchema: fromJsonSchema({ type: 'object', properties: { name: { type: 'string' } } }),
    }, async ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hello, ${name ?? 'you'}` } }] }));
    return server;
}

const handler = createMcpHandler(() => newServer(), { legacy, responseMode });

// node:http to the handler's web-standard fetch (what @modelcontextprotocol/node's toNodeHandler does).
const httpServer = http.createServer(async (req, res) => {
    try {
        const chunks = [];
        for await (const c of req) chunks.push(c);
        const body = Buffer.concat(chunks);
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) {
            if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        }
        const request = new Request(`http://${req.headers.host}${req.url}`, {
            method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
        });
        const response = await handler.fetch(request);
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body) {
            for await (const chunk of response.body) res.write(chunk);
        }
        res.end();
    } catch (e) {
        console.error('sdk2 server error:', e);
        if (!res.headersSent) res.writeHead(500);
        res.end();
    }
});
httpServer.keepAliveTimeout = 60_000;
httpServer.listen(Number(portText), '127.0.0.1', () => {
    console.error(`sdk2 server listening on port ${httpServer.address().port}`);
});
