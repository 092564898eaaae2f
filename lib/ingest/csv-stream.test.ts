import { describe, expect, test } from 'vitest';
import { parseCsv } from '@/lib/csv';
import { CsvStream } from './csv-stream';

function streamParse(text: string, chunkSize: number) {
  const s = new CsvStream();
  const rows = [];
  for (let i = 0; i < text.length; i += chunkSize) rows.push(...s.push(text.slice(i, i + chunkSize)));
  rows.push(...s.end());
  return rows;
}

describe('CsvStream', () => {
  const tricky = 'a,b,c\r\n1,"x, y","multi\r\nline"\n"he said ""hi""",,3\n\nlast,row,"q"\n';
  test.each([1, 2, 3, 7, 1000])('chunks of %d give the same rows and lines as the whole-text parser', (n) => {
    expect(streamParse(tricky, n)).toEqual(parseCsv(tricky));
  });

  test('tabs sniffed; quoted newline counts lines', () => {
    const rows = streamParse('h1\th2\n"a\nb"\tc\nd\te', 4);
    expect(rows).toEqual([{ line: 1, fields: ['h1', 'h2'] }, { line: 2, fields: ['a\nb', 'c'] }, { line: 4, fields: ['d', 'e'] }]);
  });

  test('an unterminated quote and an over-long row are errors naming the line', () => {
    const s = new CsvStream();
    s.push('a\n"open');
    expect(() => s.end()).toThrow(/line 2 never ends/);
    const t = new CsvStream(',', 10);
    expect(() => t.push('a,b\n0123456789abc\n')).toThrow(/line 2 is longer than 10/);
  });
});
