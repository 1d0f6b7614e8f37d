// A grpc-js client for the Frames server's interop tests. Runs one scenario against ADDRESS and prints
// one JSON line: {"code": <grpc status>, "details": "...", ...what the scenario saw}.
// Usage: node client.js HOST:PORT SCENARIO [--token TOKEN]
'use strict';
const { grpc, Echo } = require('./echo-proto');

const [address, scenario] = process.argv.slice(2);
const tokenIndex = process.argv.indexOf('--token');
const token = tokenIndex > 0 ? process.argv[tokenIndex + 1] : null;
const MiB = 1024 * 1024;

function client(options = {}) {
  return new Echo(address, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * MiB,
    'grpc.max_send_message_length': -1,
    ...options,
  });
}

function metadata(extra = {}) {
  const md = new grpc.Metadata();
  if (token) md.set('authorization', `Bearer ${token}`);
  for (const [key, value] of Object.entries(extra)) md.set(key, value);
  return md;
}

const deadline = (ms) => ({ deadline: new Date(Date.now() + ms) });

function connected(c) {
  return new Promise((resolve, reject) => c.waitForReady(Date.now() + 120000, (e) => (e ? reject(e) : resolve(c))));
}

function unary(c, request, md = metadata(), options = {}) {
  // The callback and the 'status' event (which carries the trailers) come in either order.
  return new Promise((resolve) => {
    let answer = null;
    let trailers = null;
    const done = () => answer && trailers && resolve({ ...answer, trailers });
    const call = c.unary(request, md, options, (error, reply) => { answer = { error, reply }; done(); });
    call.on('status', (status) => { trailers = status.metadata.getMap(); done(); });
  });
}

function result(error, extra = {}) {
  return { code: error ? error.code : 0, details: error ? error.details : '', ...extra };
}

function readAll(call) {
  return new Promise((resolve) => {
    const replies = [];
    call.on('data', (reply) => replies.push(reply));
    call.on('error', (error) => resolve({ error, replies }));
    call.on('end', () => resolve({ error: null, replies }));
  });
}

const scenarios = {
  async unary() {
    const { error, reply, trailers } = await unary(client(), { payload: Buffer.from('hello'), tag: 'u1' }, metadata({ 'x-trace': 'abc' }));
    return result(error, { payload: reply && reply.payload.toString(), trailer: trailers && trailers['x-trace'] });
  },
  async 'server-stream'() {
    const call = client().serverStream({ count: 5, replySize: 1000, tag: 's1' }, metadata());
    const { error, replies } = await readAll(call);
    return result(error, { indexes: replies.map((r) => r.index), sizes: replies.map((r) => r.payload.length) });
  },
  async 'client-stream'() {
    return new Promise((resolve) => {
      const call = client().clientStream(metadata(), (error, reply) => resolve(result(error, { count: reply && reply.count, totalBytes: reply && reply.totalBytes })));
      for (let i = 0; i < 4; i++) call.write({ payload: Buffer.alloc(250, i), tag: 'c1' });
      call.end();
    });
  },
  async bidi() {
    const call = client().bidi(metadata());
    const echoes = [];
    for (let i = 0; i < 3; i++) {
      const next = new Promise((resolve) => call.once('data', resolve));
      call.write({ payload: Buffer.from(`ping ${i}`), tag: 'b1' });
      const reply = await next;
      echoes.push(reply.payload.toString());
    }
    call.end();
    const { error } = await readAll(call);
    return result(error, { echoes });
  },
  async error() {
    const { error } = await unary(client(), { failCode: 5, failMessage: 'no such partition: ключ 100%', tag: 'e1' });
    return result(error);
  },
  async 'stream-error'() {
    const call = client().serverStream({ count: 10, failCode: 9, failAfter: 3, failMessage: 'stopped midway', tag: 'se1' }, metadata());
    const { error, replies } = await readAll(call);
    return result(error, { received: replies.length });
  },
  async deadline() {
    // Connected first, so the deadline runs from the call's start; 1.5 s leaves the server ample room to
    // reach the handler before it passes, even on a loaded machine.
    const c = await connected(client());
    const started = Date.now();
    const { error } = await unary(c, { delayMs: 60000, tag: 'deadline-js' }, metadata(), deadline(1500));
    return result(error, { elapsedMs: Date.now() - started });
  },
  async 'too-big'() {
    const { error } = await unary(client(), { payload: Buffer.alloc(8 * MiB, 7), tag: 'big' });
    return result(error);
  },
  async 'big-ok'() {
    const { error, reply } = await unary(client(), { payload: Buffer.alloc(4 * MiB - 64, 3), tag: 'big-ok' });
    return result(error, { length: reply && reply.payload.length });
  },
  async unimplemented() {
    const c = client();
    const error = await new Promise((resolve) => {
      c.makeUnaryRequest('/frames.test.v1.Echo/Nope', (x) => x, (x) => x, Buffer.alloc(0), metadata(), (e) => resolve(e));
    });
    return result(error);
  },
  async cancel() {
    const call = client().serverStream({ count: 1000000, delayMs: 20, tag: 'cancel-js' }, metadata());
    const first = await new Promise((resolve) => call.once('data', resolve));
    call.cancel();
    const { error } = await readAll(call);
    return result(error, { first: first.index });
  },
  async gzip() {
    const c = client({ 'grpc.default_compression_algorithm': 2 });
    const { error, reply } = await unary(c, { payload: Buffer.alloc(100000, 65), tag: 'gzip' });
    return result(error, { length: reply && reply.payload.length });
  },
};

const run = scenarios[scenario];
if (!run) {
  console.error(`unknown scenario '${scenario}'; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
run().then(
  (outcome) => { console.log(JSON.stringify(outcome)); process.exit(0); },
  (error) => { console.error(error && error.stack ? error.stack : String(error)); process.exit(1); },
);
