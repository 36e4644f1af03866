// A throw-away PostgreSQL cluster for tests and benchmarks: initdb in a temporary directory, a server on
// 127.0.0.1 at a free port (Unix socket in the same directory), trust authentication for the one local
// role, stopped and deleted afterwards. Works as root too: the server then runs as the `postgres` user,
// because PostgreSQL refuses to run as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

function binDir() {
  if (process.env.HAKOBU_PG_BIN) return process.env.HAKOBU_PG_BIN;
  const onPath = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (onPath.status === 0 && existsSync(join(onPath.stdout.trim(), 'initdb'))) return onPath.stdout.trim();
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(debian, versions[0], 'bin');
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a temporary cluster. Resolves `{ url, stop }`; `stop()` shuts the server down and deletes its
 * directory. Throws with a clear message when no PostgreSQL binaries are found.
 */
export async function startTemporaryPostgres({ maxConnections = 100 } = {}) {
  const bin = binDir();
  if (bin === undefined)
    throw new Error(
      'No PostgreSQL server binaries found (initdb, pg_ctl). Install them (Debian: apt-get install postgresql) or set HAKOBU_PG_BIN.',
    );
  const asRoot = process.getuid?.() === 0;
  const run = (command, args) => {
    const file = join(bin, command);
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const dir = mkdtempSync(join(tmpdir(), 'hakobu-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const role = 'hakobu';
  try {
    run('initdb', ['-D', data, '-U', role, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const settings = [
      `-c listen_addresses=127.0.0.1`,
      `-p ${port}`,
      `-k ${dir}`,
      `-c max_connections=${maxConnections}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `Could not start a temporary PostgreSQL (${bin}): ${error.stderr ?? error.message}\n${log}`,
    );
  }
  const url = `postgres://${role}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    user: userInfo().username,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
