// The official TypeScript SDK client as a load generator, in the harness shape of the load-testing guide
// (shared/seeds/000_…): one Client per session, connect, then callTool in a loop, latency taken per call.
// Used by bench/ to compare CPU per request with mcpload and wrk on the same target.
//
//   node sdk-client.mjs --url http://127.0.0.1:PORT/mcp --sessions 50 --seconds 14 \
//        [--think-ms 0] [--tool echo] [--args '{"message":"hello"}']
//   node sdk-client.mjs --churn --calls 5 --url ... --sessions 50 --seconds 14      (session churn)
//
// --churn: N workers, each in a loop opens a session the way an SDK user does (new Client + new
// StreamableHTTPClientTransport, connect = initialize + notifications/initialized, and the transport's GET for
// the standalone stream, which a server without one answers 405), makes --calls callTool calls, then ends it
// (transport.terminateSession() = DELETE, then client.close()), and opens the next. Nothing is reused between
// sessions but what the SDK itself shares (Node's global fetch and its keep-alive connection pool).
//
// Prints, one line each (stdout is synchronous for pipes on Linux, so a reader sees each line when written):
//   ready <ms to connect all sessions> <sessions connected>
//   sample <ms since ready> <calls completed> <errors>        every --sample-ms (default 1000)
//   done <calls> <errors> <p50 ms> <p99 ms>
// with --churn, two more fields on the sample lines and four on done:
//   sample <ms since ready> <calls completed> <errors> <sessions opened> <sessions closed>
//   done <calls> <errors> <p50 ms> <p99 ms> <sessions opened> <sessions closed> <connect p50 ms> <connect p99 ms>
// (connect = client.connect(): initialize and notifications/initialized, whole run; errors = failed calls plus
// sessions that failed to open or close).
// The bench samples this process's CPU at each line, so CPU per call is measured over a window of samples,
// apart from start-up. Bounded: stops after --seconds, and exits non-zero if sessions cannot connect.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string' },
    sessions: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    'think-ms': { type: 'string', default: '0' },
    tool: { type: 'string', default: 'echo' },
    args: { type: 'string', default: '{"message":"hello"}' },
    'sample-ms': { type: 'string', default: '1000' },
    churn: { type: 'boolean', default: false },
    calls: { type: 'string', default: '1' },
  },
});
if (!opt.url) {
  console.error('usage: node sdk-client.mjs --url URL [--sessions N] [--seconds S] [--think-ms MS] [--tool T] [--args JSON] [--churn --calls N]');
  process.exit(2);
}
const sessions = Number(opt.sessions);
const seconds = Number(opt.seconds);
const thinkMs = Number(opt['think-ms']);
const sampleMs = Number(opt['sample-ms']);
const toolArgs = JSON.parse(opt.args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let calls = 0;
let errors = 0;
let firstError = null;
let stop = false;
const latencies = [];
let opened = 0;
let closed = 0;
const connectLatencies = [];
const pct = (arr, p) => (arr.length ? arr[Math.min(arr.length - 1, Math.floor(arr.length * p))] : 0);

if (opt.churn) {
  await churn();
}

async function connect() {
  const client = new Client({ name: 'bench-sdk-client', version: '1' }, { capabilities: {} });
  await client.connect(new StreamableHTTPClientTransport(new URL(opt.url)));
  return client;
}

async function loop(client) {
  while (!stop) {
    const start = performance.now();
    try {
      const result = await client.callTool({ name: opt.tool, arguments: toolArgs });
      if (result.isError) {
        errors++;
        firstError ??= JSON.stringify(result.content).slice(0, 200);
      } else {
        latencies.push(performance.now() - start);
        calls++;
      }
    } catch (e) {
      errors++;
      firstError ??= String(e && e.message ? e.message : e).slice(0, 200);
    }
    if (thinkMs > 0 && !stop) {
      await sleep(thinkMs);
    }
  }
}

// --churn: every worker opens a session, makes --calls calls, ends the session, and again, until --seconds.
async function churn() {
  const callsPerSession = Number(opt.calls);
  const fail = (e) => {
    errors++;
    firstError ??= String(e && e.message ? e.message : e).slice(0, 200);
  };
  async function worker() {
    while (!stop) {
      const client = new Client({ name: 'bench-sdk-client', version: '1' }, { capabilities: {} });
      const transport = new StreamableHTTPClientTransport(new URL(opt.url));
      const start = performance.now();
      try {
        await client.connect(transport);
      } catch (e) {
        fail(e);
        await client.close().catch(() => {});
        continue;
      }
      connectLatencies.push(performance.now() - start);
      opened++;
      for (let i = 0; i < callsPerSession && !stop; i++) {
        const t = performance.now();
        try {
          const result = await client.callTool({ name: opt.tool, arguments: toolArgs });
          if (result.isError) {
            fail(JSON.stringify(result.content));
          } else {
            latencies.push(performance.now() - t);
            calls++;
          }
        } catch (e) {
          fail(e);
        }
      }
      try {
        await transport.terminateSession();
        await client.close();
        closed++;
      } catch (e) {
        fail(e);
      }
    }
  }
  const line = () => `sample ${(performance.now() - ready).toFixed(1)} ${calls} ${errors} ${opened} ${closed}`;
  const ready = performance.now();
  console.log(`ready 0.0 ${sessions}`);
  const timer = setInterval(() => console.log(line()), sampleMs);
  const workers = Array.from({ length: sessions }, worker);
  await sleep(seconds * 1000);
  stop = true;
  clearInterval(timer);
  console.log(line());
  await Promise.allSettled(workers);
  latencies.sort((a, b) => a - b);
  connectLatencies.sort((a, b) => a - b);
  console.log(`done ${calls} ${errors} ${pct(latencies, 0.5).toFixed(3)} ${pct(latencies, 0.99).toFixed(3)} ` +
    `${opened} ${closed} ${pct(connectLatencies, 0.5).toFixed(3)} ${pct(connectLatencies, 0.99).toFixed(3)}`);
  if (firstError) {
    console.error(`sdk-client: first error: ${firstError}`);
  }
  process.exit(0);
}

const t0 = performance.now();
const settled = await Promise.allSettled(Array.from({ length: sessions }, connect));
const clients = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
const failed = settled.find((s) => s.status === 'rejected');
console.log(`ready ${(performance.now() - t0).toFixed(1)} ${clients.length}`);
if (clients.length < sessions) {
  console.error(`sdk-client: only ${clients.length}/${sessions} sessions connected: ${failed && failed.reason}`);
  await Promise.allSettled(clients.map((c) => c.close()));
  process.exit(1);
}

const ready = performance.now();
const timer = setInterval(() => {
  console.log(`sample ${(performance.now() - ready).toFixed(1)} ${calls} ${errors}`);
}, sampleMs);
const loops = clients.map(loop);
await sleep(seconds * 1000);
stop = true;
clearInterval(timer);
console.log(`sample ${(performance.now() - ready).toFixed(1)} ${calls} ${errors}`);
await Promise.allSettled(loops);
await Promise.allSettled(clients.map((c) => c.close()));

latencies.sort((a, b) => a - b);
console.log(`done ${calls} ${errors} ${pct(latencies, 0.5).toFixed(3)} ${pct(latencies, 0.99).toFixed(3)}`);
if (firstError) {
  console.error(`sdk-client: first error: ${firstError}`);
}
process.exit(0);
