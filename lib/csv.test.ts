import { describe, expect, test } from 'vitest';
import { parseCsv, parseCsvRecords, sniffDelimiter } from './csv';

describe('parseCsv', () => {
  test.each([
    ['a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['"x, y","he said ""hi"""\n', [['x, y', 'he said "hi"']]],
    ['a,,c\n', [['a', '', 'c']]],
    ['\ufeffname\nv\n', [['name'], ['v']]],
  ])('%j', (input, expected) => {
    expect(parseCsv(input).map((r) => r.fields)).toEqual(expected);
  });

  test('reports the line each row starts on, across quoted newlines', () => {
    const rows = parseCsv('h1,h2\n"multi\nline",x\nlast,y\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  test('unterminated quote is an error naming its line', () => {
    expect(() => parseCsv('a\n"oops\n')).toThrow(/line 2/);
  });

  test('tab-separated exports are sniffed', () => {
    expect(sniffDelimiter('time\tmodel\tbatch\n')).toBe('\t');
    expect(parseCsvRecords('Time\tModel\n1\tgpt-4\n')[0]!.record).toEqual({ time: '1', model: 'gpt-4' });
  });
});
