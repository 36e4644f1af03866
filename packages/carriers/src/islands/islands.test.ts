import { registerConformance } from '@hakobu/orders/testing';
import { describe, expect, it } from 'vitest';
import { remoteIslandListChecks } from '../testing';
import { createRemoteIslandList, defaultRemoteIslands } from './islands';

describe('defaultRemoteIslands', () => {
  const list = defaultRemoteIslands();

  it('covers island-only municipalities with their source and date', () => {
    expect(list.dataDate).toBe('2026-05-22');
    expect(list.find('1001511')).toMatchObject({
      place: '東京都八丈島八丈町',
      source: 'KEN_ALL 2026-05-22: 島しょのみの市町村',
    });
    expect(list.find('9071801')?.place).toBe('沖縄県八重山郡与那国町');
    expect(list.find('9521537')?.place).toBe('新潟県佐渡市');
  });

  it('covers island towns inside mainland municipalities', () => {
    expect(list.find('0783871')?.place).toBe('北海道苫前郡羽幌町焼尻');
    expect(list.find('0783871')?.source).toBe('KEN_ALL 2026-05-22: 離島の町域');
  });

  it('leaves the mainland and 沖縄本島 out', () => {
    expect(list.find('1000005')).toBeUndefined();
    expect(list.find('9000015')).toBeUndefined();
  });
});

registerConformance(
  'createRemoteIslandList',
  remoteIslandListChecks((entries) => createRemoteIslandList(entries, '2026-11-01')),
  {
    describe,
    it,
  },
);
