// A grpc-js client of frames-scheduler for the scheduler's interop tests. Loads proto/frames.proto, runs one
// scenario against ADDRESS and prints one JSON line: {"code": <grpc status>, "details": "...", ...what it saw}.
// Usage: node client.js HOST:PORT SCENARIO [--token TOKEN]
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, '..', '..', '..', 'proto', 'frames.proto'), {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
});
const { Scheduler } = grpc.loadPackageDefinition(definition).frames.v1;

const [address, scenario] = process.argv.slice(2);
const tokenIndex = process.argv.indexOf('--token');
const token = tokenIndex > 0 ? process.argv[tokenIndex + 1] : null;
const client = new Scheduler(address, grpc.credentials.createInsecure());

function metadata() {
  const md = new grpc.Metadata();
  if (token) md.set('authorization', `Bearer ${token}`);
  return md;
}

const deadline = (ms) => ({ deadline: new Date(Date.now() + ms) });

function unary(method, request, options = deadline(10000)) {
  return new Promise((resolve) => client[method](request, metadata(), options, (error, reply) => resolve({ error, reply })));
}

function readAll(call) {
  return new Promise((resolve) => {
    const events = [];
    call.on('data', (event) => events.push(event));
    call.on('error', (error) => resolve({ error, events }));
    call.on('end', () => resolve({ error: null, events }));
  });
}

function result(error, extra = {}) {
  return { code: error ? error.code : 0, details: error ? error.details : '', ...extra };
}

function graph(tasks, outputs, extra = {}) {
  return {
    name: 'from grpc-js',
    tasks: tasks.map(([key, inputs], i) => ({ key, partition: i, buckets: 1, inputs: inputs.map((task) => ({ task, bucket: 0 })) })),
    outputs: outputs.map((task) => ({ task, bucket: 0 })),
    ...extra,
  };
}

const scenarios = {
  async status() {
    const { error, reply } = await unary('getStatus', {});
    return result(error, reply && { workers: reply.workers.map((w) => w.workerId), jobs: reply.jobs.length });
  },
  async submit() {
    const call = client.submitGraph(graph([['a', []], ['b', ['a']]], ['b'], { taskEvents: true }), metadata(), deadline(20000));
    const { error, events } = await readAll(call);
    const last = events[events.length - 1];
    return result(error, {
      accepted: events[0] && events[0].accepted.tasks,
      kinds: events.filter((e) => e.event === 'task').map((e) => `${e.task.task} ${e.task.kind}`),
      progress: events.filter((e) => e.event === 'progress').map((e) => `${e.progress.tasksDone}/${e.progress.tasksTotal}`),
      finished: last && last.event === 'finished'
        ? last.finished.results.map((r) => ({ task: r.partition.task, workerIds: r.workerIds, addresses: r.addresses }))
        : null,
    });
  },
  async 'cancel-unknown'() {
    const { error, reply } = await unary('cancel', { job: 'j-999' });
    return result(error, { found: reply ? reply.found : null });
  },
  async 'invalid-graph'() {
    const { error, events } = await readAll(client.submitGraph(graph([['a', []], ['a', []]], []), metadata(), deadline(10000)));
    return result(error, { events: events.length });
  },
  async deadline() {
    const started = Date.now();
    const { error, events } = await readAll(client.submitGraph(graph([['slow', []]], ['slow']), metadata(), deadline(2000)));
    return result(error, { elapsedMs: Date.now() - started, events: events.map((e) => e.event) });
  },
};

const run = scenarios[scenario];
if (!run) {
  console.error(`unknown scenario ${scenario}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
run().then((outcome) => {
  console.log(JSON.stringify(outcome));
  client.close();
}, (error) => {
  console.error(error);
  process.exit(1);
});
