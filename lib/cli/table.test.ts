import { expect, test } from 'vitest';
import { formatTable } from './table';

test('columns pad to their widest cell; right-aligned ones line up their digits; missing values read —', () => {
  const out = formatTable([{ label: 'Model', value: (r: { m: string; p: string | null }) => r.m }, { label: 'Price', value: (r) => r.p, right: true }],
    [{ m: 'gpt-4o', p: '$5.00' }, { m: 'mystery-model-x', p: null }, { m: 'o1', p: '$15.00' }]);
  expect(out.split('\n')).toEqual([
    'Model             Price',
    '---------------  ------',
    'gpt-4o            $5.00',
    'mystery-model-x       —',
    'o1               $15.00',
  ]);
});

test('an empty table says so under its header', () => {
  expect(formatTable([{ label: 'Id', value: (r: { id: string }) => r.id }], [])).toBe('Id\n--\n(none)');
});
