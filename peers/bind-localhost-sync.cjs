// Node preload for the test peers: every TCP server started without a specific host binds 127.0.0.1 only.
//
//   node -r ./peers/bind-localhost-sync.cjs <script> ...
//
// Why: the peers (server-everything, the conformance suite's mock servers) call listen(port) with no host,
// which binds every interface; tests must never listen beyond loopback.
//
// Why not ../shared/bind-localhost.cjs: that preload inserts the host argument, listen(port, '127.0.0.1', cb).
// With a host, Node resolves it through dns.lookup first and binds on a later tick, so server.address() is
// null right after listen() returns. The conformance suite's tools_call scenario does exactly that,
// `app.listen(0)` then `server.address().port`, and crashes ("Cannot read properties of null (reading 'port')").
// This preload binds a TCP handle to 127.0.0.1 synchronously and hands the bound handle to listen(), which
// Node accepts (listen(handle[, backlog][, cb])): the socket is bound before listen() returns, address() works
// at once, and a port that is taken still fails the usual way (an 'error' event, EADDRINUSE).
//
// Covered call shapes: listen(port[, backlog][, cb]), listen(port, wildcardHost[, backlog][, cb]) and
// listen({port[, host]}[, cb]) where the host is absent, '', '0.0.0.0' or '::'. A specific host (e.g.
// 'localhost', '127.0.0.1') and pipes/handles are left alone.
'use strict';
const net = require('net');

const LOOPBACK = '127.0.0.1';
const WILDCARD = new Set([undefined, null, '', '0.0.0.0', '::']);
const original = net.Server.prototype.listen;

function portOf(value) {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return -1;
}

// Binds a server handle to 127.0.0.1:port now; null when binding fails (the caller falls back to Node's path,
// which reports the error as usual).
function boundHandle(port) {
  // process.binding('tcp_wrap') is the public, allow-listed way to reach the TCP handle class.
  const { TCP, constants } = process.binding('tcp_wrap');
  const handle = new TCP(constants.SERVER);
  const err = handle.bind(LOOPBACK, port);
  if (err) {
    handle.close();
    return null;
  }
  return handle;
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

net.Server.prototype.listen = function listen(...args) {
  let port = -1;
  let rest;
  if (isPlainObject(args[0])) {
    // listen(options[, cb]); options with a path, fd or handle are not TCP ports and stay as they are
    const options = args[0];
    if (options.port !== undefined && options.path === undefined && WILDCARD.has(options.host)
        && portOf(options.port) >= 0) {
      port = portOf(options.port);
      rest = [];
      if (options.backlog !== undefined) rest.push(options.backlog);
      rest.push(...args.slice(1).filter((a) => typeof a === 'function'));
    }
  } else if (args.length === 0 || typeof args[0] === 'function') {
    // listen([cb]): a random port on every interface
    port = 0;
    rest = args;
  } else if (portOf(args[0]) >= 0) {
    port = portOf(args[0]);
    rest = args.slice(1);
    if (rest.length > 0 && (typeof rest[0] === 'string' || rest[0] === null || rest[0] === undefined)) {
      if (!WILDCARD.has(rest[0])) return original.apply(this, args); // a specific host: leave it alone
      rest = rest.slice(1);
    }
  }
  if (port < 0) return original.apply(this, args);
  const handle = boundHandle(port);
  if (handle === null) {
    return original.call(this, port, LOOPBACK, ...rest);
  }
  return original.call(this, handle, ...rest);
};
