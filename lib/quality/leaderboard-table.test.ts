import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LeaderboardTableFormatError, parseLeaderboardTable } from './leaderboard-table';

const fixture = fs.readFileSync(path.join(__dirname, '__fixtures__/leaderboard_table_20240617.csv'), 'utf8');

describe('parseLeaderboardTable on leaderboard_table_20240617.csv', () => {
  const { rows } = parseLeaderboardTable(fixture);
  const byKey = (key: string) => rows.find((r) => r.key === key);

  test('reads every data row (the file lists yi-34b-chat twice; both are kept as written)', () => {
    expect(rows).toHaveLength(124);
    expect(rows.filter((r) => r.key === 'yi-34b-chat')).toHaveLength(2);
  });

  test('llama-3-70b-instruct: MMLU 0.82, Meta, Llama 3 Community, no MT-bench', () => {
    expect(byKey('llama-3-70b-instruct')).toEqual({
      key: 'llama-3-70b-instruct', model: 'Llama-3-70b-Instruct', mtBench: null, mmlu: 0.82, knowledgeCutoff: '2023/12',
      license: 'Llama 3 Community', organization: 'Meta', link: 'https://llama.meta.com/llama3/', arenaElo: null,
    });
  });

  test.each([
    ['gpt-4-0314', { mtBench: 8.96, mmlu: 0.864, knowledgeCutoff: '2021/9', organization: 'OpenAI' }],
    ['gpt-4-1106-preview', { mtBench: 9.32, mmlu: null }],
    ['claude-1', { mmlu: 0.77, knowledgeCutoff: null }],
    ['gpt-3.5-turbo-0125', { mtBench: null, mmlu: null, license: 'Proprietary' }],
    ['pplx-70b-online', { knowledgeCutoff: 'Online', organization: 'Perplexity AI' }],
    ['yi-large', { knowledgeCutoff: null, organization: '01 AI' }],
  ])('%s', (key, expected) => {
    expect(byKey(key)).toMatchObject(expected);
  });

  test('the 2024 layout has no Elo', () => {
    expect(rows.every((r) => r.arenaElo === null)).toBe(true);
  });
});

describe('older layouts (rows are illustrative, in the shape of fixtures/notes/prices-and-elo.md section 3.1)', () => {
  test('2023: no key and no organization, but an Arena Elo rating', () => {
    const text = 'Model,MT-bench (score),Arena Elo rating,MMLU,License,Link\n'
      + 'GPT-4,8.99,1227,0.864,Proprietary,https://openai.com/research/gpt-4\n'
      + 'Vicuna-33B,7.12,-,0.592,Non-commercial,https://huggingface.co/lmsys/vicuna-33b-v1.3\n';
    expect(parseLeaderboardTable(text).rows).toEqual([
      { key: null, model: 'GPT-4', mtBench: 8.99, mmlu: 0.864, knowledgeCutoff: null, license: 'Proprietary', organization: null, link: 'https://openai.com/research/gpt-4', arenaElo: 1227 },
      { key: null, model: 'Vicuna-33B', mtBench: 7.12, mmlu: 0.592, knowledgeCutoff: null, license: 'Non-commercial', organization: null, link: 'https://huggingface.co/lmsys/vicuna-33b-v1.3', arenaElo: null },
    ]);
  });

  test('2024-01-09: key and organization, no knowledge cutoff', () => {
    const text = 'key,Model,MT-bench (score),MMLU,License,Organization,Link\r\n'
      + 'mixtral-8x7b-instruct-v0.1,Mixtral-8x7b-Instruct-v0.1,8.30,0.706,Apache 2.0,Mistral,https://mistral.ai/news/mixtral-of-experts/\r\n';
    expect(parseLeaderboardTable(text).rows).toEqual([{
      key: 'mixtral-8x7b-instruct-v0.1', model: 'Mixtral-8x7b-Instruct-v0.1', mtBench: 8.3, mmlu: 0.706, knowledgeCutoff: null,
      license: 'Apache 2.0', organization: 'Mistral', link: 'https://mistral.ai/news/mixtral-of-experts/', arenaElo: null,
    }]);
  });

  test('quoted cells with commas, header case and column order do not matter, blank lines are skipped', () => {
    const text = 'Model,KEY,mt-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link\n\n'
      + '"Claude 3.5 Sonnet (20241022)",claude-3-5-sonnet-20241022,-,-,2024/4,Proprietary,"Anthropic, PBC",https://www.anthropic.com/news/claude-3-5-sonnet\n';
    expect(parseLeaderboardTable(text).rows).toMatchObject([{ key: 'claude-3-5-sonnet-20241022', model: 'Claude 3.5 Sonnet (20241022)', organization: 'Anthropic, PBC', knowledgeCutoff: '2024/4' }]);
  });
});

describe('parseLeaderboardTable refuses what it does not know', () => {
  test.each([
    ['an empty file', ''],
    ['the displayed leaderboard', 'rank,model,arena_elo,95_pct_ci,votes,organization,license\n1,GPT-4o,1287,+4/-4,20156,OpenAI,Proprietary\n'],
    ['a missing column', 'key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization\n'],
    ['an extra column', 'key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link,Votes\n'],
    ['a renamed column', 'key,Model,MT-bench,MMLU,Knowledge cutoff date,License,Organization,Link\n'],
    ['a column twice', 'key,Model,Model,MT-bench (score),MMLU,License,Link\n'],
  ])('%s', (_name, text) => {
    expect(() => parseLeaderboardTable(text)).toThrow(LeaderboardTableFormatError);
  });

  test('the error names the expected header', () => {
    expect(() => parseLeaderboardTable('model,elo\nx,1\n')).toThrow(/not a known leaderboard_table layout: header "model,elo"; expected the 2024 layout "key,Model,MT-bench \(score\),MMLU/);
  });

  test('a number column that holds text is an error with its line, not a silent null', () => {
    const text = 'key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link\nx,X,-,Meta,2023/12,MIT,Acme,https://x\n';
    expect(() => parseLeaderboardTable(text)).toThrow('line 2: MMLU "Meta" is not a number');
  });

  test('a row without a model name is an error with its line', () => {
    const text = 'key,Model,MT-bench (score),MMLU,License,Organization,Link\nx,-,-,-,MIT,Acme,https://x\n';
    expect(() => parseLeaderboardTable(text)).toThrow('line 2: no model name');
  });
});
