import { describe, expect, test } from 'vitest';
import { fitByCategory } from './bradley-terry';
import { parseJudgments, parseWinner } from './judgments';

describe('parseJudgments: CSV', () => {
  test('any column order, optional category (default overall), every winner spelling', () => {
    const csv = [
      'winner,category,model_b,model_a',
      'model_a,coding,claude-3.5,gpt-4o',
      'MODEL_B,,claude-3.5,gpt-4o',
      'tie,writing,llama-3-70b,gpt-4o',
      'tie (bothbad),writing,llama-3-70b,gpt-4o',
      'a,coding,gpt-4o,claude-3.5',
      'B,coding,gpt-4o,claude-3.5',
      'Tie_BothBad,coding,gpt-4o,claude-3.5',
    ].join('\n');
    const { judgments, rejects } = parseJudgments(csv);
    expect(rejects).toEqual([]);
    expect(judgments.map((j) => j.winner)).toEqual(['a', 'b', 'tie', 'tie', 'a', 'b', 'tie']);
    expect(judgments[0]).toEqual({ modelA: 'gpt-4o', modelB: 'claude-3.5', winner: 'a', category: 'coding' });
    expect(judgments[1]!.category).toBe('overall');
    expect(judgments[3]).toEqual({ modelA: 'gpt-4o', modelB: 'llama-3-70b', winner: 'tie', category: 'writing' });
  });

  test('tab-separated, quoted fields, no category column', () => {
    const tsv = 'model_a\tmodel_b\twinner\n"gpt-4o"\t"claude, 3.5"\tmodel_b\r\nllama\tgpt-4o\ttie\n';
    const { judgments } = parseJudgments(tsv);
    expect(judgments).toEqual([
      { modelA: 'gpt-4o', modelB: 'claude, 3.5', winner: 'b', category: 'overall' },
      { modelA: 'llama', modelB: 'gpt-4o', winner: 'tie', category: 'overall' },
    ]);
  });

  test('rejects self-battles, missing or unknown winners and missing models, by line', () => {
    const csv = [
      'model_a,model_b,winner', // line 1
      'gpt-4o,claude-3.5,model_a', // 2
      'gpt-4o,gpt-4o,model_a', // 3: self-battle
      'gpt-4o,claude-3.5,', // 4: missing winner
      'gpt-4o,claude-3.5,draw', // 5: unknown winner
      ',claude-3.5,tie', // 6: missing model_a
      '', // 7: blank, skipped
      'claude-3.5,gpt-4o,model_b', // 8
    ].join('\n');
    const { judgments, rejects } = parseJudgments(csv);
    expect(judgments).toHaveLength(2);
    expect(rejects.map((r) => r.line)).toEqual([3, 4, 5, 6]);
    expect(rejects[0]!.reason).toMatch(/self-battle: gpt-4o against itself/);
    expect(rejects[1]!.reason).toBe('missing winner');
    expect(rejects[2]!.reason).toMatch(/unknown winner "draw"/);
    expect(rejects[3]!.reason).toBe('missing model_a');
  });

  test('a header without the required columns throws, naming them', () => {
    expect(() => parseJudgments('model,opponent,result\na,b,a\n')).toThrow(/lacks model_a, model_b, winner/);
    expect(() => parseJudgments('model_a,model_b\na,b\n')).toThrow(/lacks winner/);
  });
});

describe('parseJudgments: JSONL', () => {
  test('one object a line, category optional, tie (bothbad) is a tie; bad lines rejected with their line', () => {
    const jsonl = [
      '{"model_a":"gpt-4o","model_b":"claude-3.5","winner":"model_a","category":"coding"}',
      '{"model_a":"gpt-4o","model_b":"claude-3.5","winner":"tie (bothbad)"}',
      '',
      '{"model_a":"gpt-4o","model_b":"gpt-4o","winner":"tie"}',
      '{"model_a":"gpt-4o","model_b":"claude-3.5"}',
      'not json',
      '["gpt-4o"]',
      '{"model_b":"gpt-4o","model_a":"llama","winner":"b","category":null}',
    ].join('\n');
    const { judgments, rejects } = parseJudgments(jsonl);
    expect(judgments).toEqual([
      { modelA: 'gpt-4o', modelB: 'claude-3.5', winner: 'a', category: 'coding' },
      { modelA: 'gpt-4o', modelB: 'claude-3.5', winner: 'tie', category: 'overall' },
      { modelA: 'llama', modelB: 'gpt-4o', winner: 'b', category: 'overall' },
    ]);
    expect(rejects).toEqual([
      { line: 4, reason: 'self-battle: gpt-4o against itself' },
      { line: 5, reason: 'missing winner' },
      { line: 6, reason: 'not valid JSON' },
      { line: 7, reason: 'not a JSON object' },
    ]);
  });

  test("FastChat's JSON array dump reads the same way", () => {
    const json = JSON.stringify([
      { model_a: 'a', model_b: 'b', winner: 'model_b', anony: true },
      { model_a: 'a', model_b: 'b', winner: 'tie (bothbad)' },
    ]);
    expect(parseJudgments(json).judgments.map((j) => j.winner)).toEqual(['b', 'tie']);
  });
});

describe('parseJudgments: unusable files throw', () => {
  test('a file naming only one model', () => {
    expect(() => parseJudgments('model_a,model_b,winner\ngpt-4o,gpt-4o,model_a\ngpt-4o,gpt-4o,tie\n'))
      .toThrow('the judgments name only one model (gpt-4o): a rating needs at least two');
    expect(() => parseJudgments('{"model_a":"gpt-4o","model_b":"","winner":"a"}\n')).toThrow(/only one model \(gpt-4o\)/);
  });

  test('no valid judgment, or nothing at all', () => {
    expect(() => parseJudgments('model_a,model_b,winner\na,b,\nc,d,maybe\n')).toThrow(/no valid judgment in the file \(2 rejected; first: line 2: missing winner\)/);
    expect(() => parseJudgments('')).toThrow(/empty/);
    expect(() => parseJudgments('model_a,model_b,winner\n')).toThrow(/no valid judgment/);
  });
});

test('parseWinner', () => {
  expect(parseWinner(' Model_A ')).toBe('a');
  expect(parseWinner('tie-bothbad')).toBe('tie');
  expect(parseWinner('Tie (BothBad)')).toBe('tie');
  expect(parseWinner('draw')).toBeUndefined();
});

test('categories split the judgments: parse → fitByCategory gives overall plus one rating per category', () => {
  const csv = ['model_a,model_b,winner,category', 'a,b,model_a,coding', 'b,a,model_a,coding', 'a,b,tie,math', 'b,c,model_b,math', 'a,c,model_a,'].join('\n');
  const { judgments } = parseJudgments(csv);
  expect([...new Set(judgments.map((j) => j.category))].sort()).toEqual(['coding', 'math', 'overall']);
  const byCat = fitByCategory(judgments);
  expect(Object.keys(byCat).sort()).toEqual(['coding', 'math', 'overall']);
  expect(byCat.coding!.map((r) => r.model).sort()).toEqual(['a', 'b']);
  expect(byCat.overall!.map((r) => r.model).sort()).toEqual(['a', 'b', 'c']);
});
