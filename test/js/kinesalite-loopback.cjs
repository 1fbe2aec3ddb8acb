#!/usr/bin/env node
// Starts kinesalite in memory on the loopback interface only (its own CLI binds every interface).
// Usage: node test/js/kinesalite-loopback.cjs [--port 0] [--createStreamMs 0] [--deleteStreamMs 0]
//        [--updateStreamMs 0] [--shardLimit 100]
// Port 0 lets the OS pick a free port. When ready it prints one line containing the endpoint:
//   Listening at http://127.0.0.1:<port>
'use strict';

const { parseArgs } = require('node:util');
const kinesalite = require('kinesalite');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    createStreamMs: { type: 'string', default: '0' },
    deleteStreamMs: { type: 'string', default: '0' },
    updateStreamMs: { type: 'string', default: '0' },
    shardLimit: { type: 'string', default: '100' },
  },
});

const server = kinesalite({
  createStreamMs: Number(values.createStreamMs),
  deleteStreamMs: Number(values.deleteStreamMs),
  updateStreamMs: Number(values.updateStreamMs),
  shardLimit: Number(values.shardLimit),
});

server.on('error', (err) => {
  process.stderr.write(`kinesalite failed to start: ${err.message}\n`);
  process.exit(1);
});

server.listen(Number(values.port), '127.0.0.1', () => {
  const { address, port } = server.address();
  process.stdout.write(`Listening at http://${address}:${port}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
