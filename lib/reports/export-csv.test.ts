import { describe, expect, test } from 'vitest';
import { parseCsv } from '@/lib/csv';
import { reportToCsv } from './export-csv';
import type { ReportSnapshot } from './types';

const snap = (names: string[]): ReportSnapshot => ({
  schema: 1, kind: 'usage', asOf: '2026-10-20T12:00:00.000Z', currency: 'USD', summary: 'Spend was "high", really\nhigh.',
  keyNumbers: [{ label: 'Change', value: '-5.25', unit: 'usd' }],
  tables: [{ name: 'comparison', title: 'By project', columns: [{ key: 'name', label: 'Project', unit: 'text' }, { key: 'spend', label: 'Spend', unit: 'usd' }], rows: names.map((n, i) => ({ name: n, spend: String(i - 1) })) }],
  assumptions: [], sources: [], glossary: [],
});

describe('report CSV', () => {
  test.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tlead-tab', "'\tlead-tab"],
    ['plain, with comma', '"plain, with comma"'],
  ])('%s is neutralised and quoted per RFC 4180', (name, cell) => {
    const csv = reportToCsv(snap([name]), { title: 'T', version: 1 });
    expect(csv.split('\r\n').some((line) => line.startsWith(`${cell},`))).toBe(true);
  });

  test('numbers stay numbers (a negative amount is not a formula); lines end CRLF; it parses back', () => {
    const csv = reportToCsv(snap(['a', 'b']), { title: '=evil title', version: 3 });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('\r\nChange,-5.25,usd\r\n');
    expect(csv).toContain('\r\na,-1\r\n');
    expect(csv.startsWith("Report,'=evil title\r\n")).toBe(true);
    const rows = parseCsv(csv).map((r) => r.fields);
    expect(rows.find((r) => r[0] === 'Summary')![1]).toBe('Spend was "high", really\nhigh.');
    expect(rows.find((r) => r[0] === 'Project')).toEqual(['Project', 'Spend (USD)']);
  });
});
