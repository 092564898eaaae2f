import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseArenaCatalogJson, parseArenaCsv, parseCi } from './arena';

const read = (f: string) => fs.readFileSync(path.join(__dirname, '../../db/seed/data', f), 'utf8');

describe('Arena leaderboard CSV', () => {
  const snap = parseArenaCsv(read('arena-2024-06-19.csv'));
  const row = (name: string) => snap.scores.find((s) => s.rawName === name);

  test('2024-06-19: Llama-3-70B-Instruct 1207 (1205–1210), GPT-3.5-Turbo-0125 1104, Llama 3 8B 1153', () => {
    expect(row('Llama-3-70b-Instruct')).toMatchObject({ elo: 1207, ciLower: 1205, ciUpper: 1210, votes: 135075 });
    expect(row('GPT-3.5-Turbo-0125')?.elo).toBe(1104);
    expect(row('Llama-3-8b-Instruct')?.elo).toBe(1153);
    expect(row('Mixtral-8x7b-Instruct-v0.1')).toMatchObject({ elo: 1114, ciLower: 1114, ciUpper: 1114 });
    expect(snap.scores).toHaveLength(109);
  });

  test('2025 LMArena layout (arena_score, rank_stylectrl) reads the same way', () => {
    const s = parseArenaCsv(read('lmarena-text-2025-08-04.csv'));
    expect(s.scores[0]).toMatchObject({ rawName: 'Gemini-2.5-Pro', elo: 1470, ciLower: 1465, ciUpper: 1475, votes: 26019, rank: 1 });
  });

  test.each([
    ['+3/-4', { plus: 3, minus: 4 }],
    ['+0/-0', { plus: 0, minus: 0 }],
    ['±5', { plus: 5, minus: 5 }],
    ['', null],
  ])('CI %j', (raw, expected) => {
    expect(parseCi(raw)).toEqual(expected);
  });

  test('a file without model and Elo columns is refused with a reason', () => {
    expect(() => parseArenaCsv('name,price\na,1\n')).toThrow(/expected columns "model"/);
  });
});

describe('LMArena catalog JSON', () => {
  const snaps = parseArenaCatalogJson(JSON.parse(read('lmarena-catalog-leaderboard-text.json')));

  test('one snapshot per category, "full" read as overall, with q025/q975 as the CI', () => {
    const overall = snaps.find((s) => s.category === 'overall')!;
    const llama = overall.scores.find((s) => s.rawName === 'llama-3-70b-instruct')!;
    expect(llama.elo).toBeCloseTo(1221.7, 1);
    expect(llama.ciLower!).toBeLessThan(llama.elo);
    expect(llama.ciUpper!).toBeGreaterThan(llama.elo);
    expect(overall.scores[0]).toMatchObject({ rawName: 'gemini-3-pro', rank: 1 });
  });

  test('refuses what is not a catalog', () => {
    expect(() => parseArenaCatalogJson({ full: { x: { rating: 'high' } } })).toThrow(/no numeric rating/);
  });
});
