#!/usr/bin/env node
// `node packages/postgres/scripts/with-postgres.mjs <command> [args…]`: starts a temporary PostgreSQL cluster
// on 127.0.0.1 at a free port, runs the command with HAKOBU_TEST_DATABASE_URL (and DATABASE_URL, unless
// already set) pointing at it, stops the cluster whatever happens, and exits with the command's status.
//   node packages/postgres/scripts/with-postgres.mjs npx vitest run packages/postgres
//   node packages/postgres/scripts/with-postgres.mjs npm test
import { spawnSync } from 'node:child_process';
import { startTemporaryPostgres } from './temporary-postgres.mjs';

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: with-postgres.mjs <command> [args…]');
  process.exit(2);
}
const server = await startTemporaryPostgres();
process.stderr.write(`with-postgres: PostgreSQL at ${server.url}\n`);
let status = 1;
const stop = () => server.stop();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stop();
    process.exit(130);
  });
}
try {
  const env = { ...process.env, HAKOBU_TEST_DATABASE_URL: server.url };
  if (env.DATABASE_URL === undefined) env.DATABASE_URL = server.url;
  const child = spawnSync(command, args, { stdio: 'inherit', env });
  status = child.status ?? 1;
} finally {
  stop();
}
process.exit(status);
