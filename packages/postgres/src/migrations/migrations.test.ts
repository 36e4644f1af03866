import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrations } from './migrations';

const db = new PGlite();
afterAll(() => db.close());

describe('migrate', () => {
  it('applies every migration once, in order, and records it', async () => {
    expect(await migrate(db, { schema: 'mig_a' })).toEqual({ applied: [1, 2, 3], version: 3 });
    expect(await migrate(db, { schema: 'mig_a' })).toEqual({ applied: [], version: 3 });
    const recorded = await db.query<{ version: number; name: string }>(
      'SELECT version, name FROM mig_a.schema_migrations ORDER BY version',
    );
    expect(recorded.rows).toEqual(migrations.map(({ version, name }) => ({ version, name })));
  });

  it('stops at toVersion and continues from there later', async () => {
    expect(await migrate(db, { schema: 'mig_b', toVersion: 1 })).toEqual({ applied: [1], version: 1 });
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'mig_b' ORDER BY table_name",
    );
    expect(tables.rows.map((row) => row.table_name)).not.toContain('orders');
    expect(await migrate(db, { schema: 'mig_b' })).toEqual({ applied: [2, 3], version: 3 });
  });

  it('refuses a schema name that is not a plain identifier, before touching the database', async () => {
    await expect(migrate(db, { schema: 'x"; DROP SCHEMA public; --' })).rejects.toMatchObject({
      code: 'postgres.invalid_schema',
    });
  });
});
