// Loads Protos/test.proto (package frames.test.v1) for the grpc-js peers.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, '..', 'Protos', 'test.proto'), {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
});

module.exports = { grpc, Echo: grpc.loadPackageDefinition(definition).frames.test.v1.Echo };
