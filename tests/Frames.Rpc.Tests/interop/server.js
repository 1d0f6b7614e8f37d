// A grpc-js Echo server for the Frames client's interop tests: the same semantics as the Frames test
// server (see Protos/test.proto). Prints "listening PORT" once bound, and "cancelled TAG" when a call
// it is serving is cancelled by the client. Usage: node server.js [--token TOKEN]
'use strict';
const { grpc, Echo } = require('./echo-proto');

const tokenIndex = process.argv.indexOf('--token');
const token = tokenIndex > 0 ? process.argv[tokenIndex + 1] : null;

function refuse(call) {
  if (!token) return null;
  const auth = call.metadata.get('authorization');
  if (auth.length === 0) return { code: grpc.status.UNAUTHENTICATED, details: 'missing bearer token' };
  if (auth[0] !== `Bearer ${token}`) return { code: grpc.status.UNAUTHENTICATED, details: 'invalid bearer token' };
  return null;
}

function failure(request) {
  return request.failCode ? { code: request.failCode, details: request.failMessage } : null;
}

function reply(request, index) {
  const payload = request.replySize > 0 ? Buffer.alloc(request.replySize, index % 256) : request.payload;
  return { payload, index, tag: request.tag };
}

function watch(call) {
  call.on('cancelled', () => console.log(`cancelled ${call.tag || ''}`));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const handlers = {
  async unary(call, callback) {
    call.tag = call.request.tag;
    watch(call);
    const refused = refuse(call) || null;
    if (refused) return callback(refused);
    if (call.request.delayMs) await sleep(call.request.delayMs);
    if (call.cancelled) return undefined;
    const failed = failure(call.request);
    if (failed) return callback(failed);
    const trailers = new grpc.Metadata();
    for (const [key, values] of Object.entries(call.metadata.getMap())) {
      if (key.startsWith('x-')) trailers.set(key, values);
    }
    return callback(null, reply(call.request, 0), trailers);
  },

  async serverStream(call) {
    const request = call.request;
    call.tag = request.tag;
    watch(call);
    const refused = refuse(call);
    if (refused) return call.emit('error', refused);
    for (let i = 0; i < request.count; i++) {
      if (request.failCode && i === request.failAfter) return call.emit('error', { code: request.failCode, details: request.failMessage });
      if (request.delayMs) await sleep(request.delayMs);
      if (call.cancelled) return undefined;
      const flushed = call.write(reply(request, i));
      if (!flushed) await new Promise((resolve) => call.once('drain', resolve));
    }
    return call.end();
  },

  clientStream(call, callback) {
    watch(call);
    const refused = refuse(call);
    if (refused) return callback(refused);
    let count = 0;
    let totalBytes = 0;
    let failed = null;
    call.on('data', (request) => {
      call.tag = request.tag;
      if (failed) return;
      failed = failure(request);
      count++;
      totalBytes += request.payload.length;
    });
    call.on('end', () => (failed ? callback(failed) : callback(null, { count, totalBytes, tag: call.tag })));
    return undefined;
  },

  bidi(call) {
    watch(call);
    const refused = refuse(call);
    if (refused) return call.emit('error', refused);
    let index = 0;
    call.on('data', (request) => {
      call.tag = request.tag;
      const failed = failure(request);
      if (failed) return call.emit('error', failed);
      return call.write(reply(request, index++));
    });
    call.on('end', () => call.end());
    return undefined;
  },
};

const server = new grpc.Server({
  'grpc.max_receive_message_length': 64 * 1024 * 1024,
  'grpc.max_send_message_length': -1,
});
server.addService(Echo.service, handlers);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(`bind failed: ${error.message}`);
    process.exit(1);
  }
  console.log(`listening ${port}`);
});
process.on('SIGTERM', () => server.forceShutdown());
