import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrations/migrations';
import { createPostgresSyncStateStore } from './sync-state';

const db = new PGlite();
afterAll(() => db.close());

describe('createPostgresSyncStateStore', () => {
  it('starts empty, replaces the whole state and drops listings no longer pushed', async () => {
    await migrate(db, { schema: 'sync_a' });
    const state = createPostgresSyncStateStore(db, { schema: 'sync_a' });
    expect(await state.read()).toEqual({});
    await state.replace({ 'rakuten:tea-100': 5, 'yahoo:tea-100': 3 });
    await state.replace({ 'rakuten:tea-100': 4, 'amazon:TEA100': 0 });
    expect(await state.read()).toEqual({ 'amazon:TEA100': 0, 'rakuten:tea-100': 4 });
    await state.replace({});
    expect(await state.read()).toEqual({});
  });

  it('refuses a negative quantity and keeps the previous state', async () => {
    await migrate(db, { schema: 'sync_b' });
    const state = createPostgresSyncStateStore(db, { schema: 'sync_b' });
    await state.replace({ a: 1 });
    await expect(state.replace({ a: 2, b: -1 })).rejects.toThrow();
    expect(await state.read()).toEqual({ a: 1 });
  });
});
