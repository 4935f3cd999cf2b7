// The official TypeScript SDK v2 server (@modelcontextprotocol/server, serveStdio) on stdin/stdout, for
// mcpload's interop tests of MCP 2026-07-28 over stdio. Usage (mcpload starts it, once per session):
//   node sdk2-stdio.mjs <path of @modelcontextprotocol/server's dist/index.mjs> <legacy>
// legacy: 'serve' (dual era: an initialize opens a 2025 session) or 'reject' (modern only).
// The SDK is imported by path: this script lives in the test resources, the SDK in peers/node_modules.
// No socket is opened: stdio only.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [sdkPath, legacy = 'serve'] = process.argv.slice(2);
const sdk = await import(pathToFileURL(sdkPath).href);
const { serveStdio } = await import(pathToFileURL(path.join(path.dirname(sdkPath), 'stdio.mjs')).href);
const { McpServer, fromJsonSchema, inputRequired, acceptedContent } = sdk;

serveStdio(() => {
    const server = new McpServer({ name: 'sdk2-stdio-interop', version: '1.0.0' });
    server.registerTool('echo', {
        description: 'Echoes its message.',
        inputSchema: fromJsonSchema({ type: 'object', properties: { message: { type: 'string' } }, required: ['message'] }),
    }, async ({ message }) => ({ content: [{ type: 'text', text: message }] }));
    server.registerTool('add', {
        description: 'Adds two numbers.',
        inputSchema: fromJsonSchema({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] }),
    }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
    // Asks for a name (form elicitation), then greets: a multi round-trip request over stdio.
    server.registerTool('ask_name', {
        description: 'Asks for your name, then greets you.',
        inputSchema: fromJsonSchema({ type: 'object', properties: {} }),
    }, async (_args, ctx) => {
        const answer = acceptedContent(ctx.mcpReq.inputResponses, 'name');
        if (typeof answer?.name === 'string') {
            return { content: [{ type: 'text', text: `Hello, ${answer.name}!` }] };
        }
        return inputRequired({ inputRequests: { name: inputRequired.elicit({ message: 'What is your name?',
            requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } }) } });
    });
    server.registerResource('readme', 'doc://readme', { mimeType: 'text/plain' },
        async (uri) => ({ contents: [{ uri: uri.href, text: 'hello over stdio' }] }));
    server.registerPrompt('greet', {
        description: 'A greeting.',
        argsSchema: fromJsonSchema({ type: 'object', properties: { name: { type: 'string' } } }),
    }, async ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hello, ${name ?? 'you'}` } }] }));
    return server;
}, { legacy });
