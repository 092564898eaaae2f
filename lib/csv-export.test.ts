import { expect, test } from 'vitest';
import { csvCell, toCsv } from './csv-export';

test.each([
  ['plain', 'plain'],
  ['a,b', '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
  ['+1', "'+1"],
  ['-cmd', "'-cmd"],
  ['@SUM(A1)', "'@SUM(A1)"],
  [-5, '-5'],
  [null, ''],
])('csvCell(%j) = %s', (v, out) => {
  expect(csvCell(v)).toBe(out);
});

test('rows end with CRLF', () => {
  expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
});
