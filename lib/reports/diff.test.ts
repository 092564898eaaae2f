import { describe, expect, test } from 'vitest';
import { diffSnapshots } from './diff';
import type { ReportSnapshot } from './types';

const base: ReportSnapshot = {
  schema: 1, kind: 'overview', asOf: '2026-10-20T00:00:00.000Z', currency: 'USD', summary: 's',
  keyNumbers: [{ label: 'Spend', value: '100.5', unit: 'usd' }, { label: 'Requests', value: 10, unit: 'integer' }],
  tables: [{ name: 'comparison', title: 'By model', columns: [{ key: 'model', label: 'Model', unit: 'text' }, { key: 'spend', label: 'Spend', unit: 'usd' }], rows: [{ model: 'A', spend: '60.5' }, { model: 'B', spend: '40' }] }],
  assumptions: [{ label: 'Period', value: '2026-10-01 to 2026-10-20' }],
  sources: [{ kind: 'price_sheet', label: 'LiteLLM 2026-07-24', detail: 'effective from 2026-07-24' }],
  glossary: [],
};

describe('diffSnapshots', () => {
  test('identical snapshots (asOf aside) have no changes', () => {
    expect(diffSnapshots(base, { ...base, asOf: '2026-11-01T00:00:00.000Z' })).toEqual([]);
  });

  test.each([
    ['a key number', { keyNumbers: [{ label: 'Spend', value: '120', unit: 'usd' as const }, base.keyNumbers[1]!] }, { area: 'key number', item: 'Spend', before: '$100.50', after: '$120.00' }],
    ['a table cell', { tables: [{ ...base.tables[0]!, rows: [{ model: 'A', spend: '80' }, { model: 'B', spend: '40' }] }] }, { area: 'table', item: 'By model: A · Spend', before: '$60.50', after: '$80.00' }],
    ['a new row', { tables: [{ ...base.tables[0]!, rows: [...base.tables[0]!.rows, { model: 'C', spend: '1' }] }] }, { area: 'table', item: 'By model: C', before: null, after: 'new row' }],
    ['a removed row', { tables: [{ ...base.tables[0]!, rows: [base.tables[0]!.rows[0]!] }] }, { area: 'table', item: 'By model: B', before: 'row', after: null }],
    ['a new source', { sources: [...base.sources, { kind: 'price_override' as const, label: 'Override: gpt-4o', detail: 'from 2026-01-01' }] }, { area: 'source', item: 'Override: gpt-4o', before: null, after: 'from 2026-01-01' }],
    ['an assumption', { assumptions: [{ label: 'Period', value: '2026-10-01 to 2026-10-21' }] }, { area: 'assumption', item: 'Period', before: '2026-10-01 to 2026-10-20', after: '2026-10-01 to 2026-10-21' }],
  ])('%s', (_name, patch, change) => {
    expect(diffSnapshots(base, { ...base, ...patch })).toEqual([change]);
  });

  test('a value written differently but equal is not a change; 10 and "10" are the same', () => {
    expect(diffSnapshots(base, { ...base, keyNumbers: [base.keyNumbers[0]!, { label: 'Requests', value: '10', unit: 'integer' }] })).toEqual([]);
  });
});
