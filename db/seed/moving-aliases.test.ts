import { describe, expect, test } from 'vitest';
import { aliasRowsFor, createResolver } from '@/lib/catalog/resolve';
import { CATALOG } from './catalog';
import { MOVING_ALIASES } from './moving-aliases';

describe('names that moved', () => {
  const today = createResolver(aliasRowsFor(CATALOG));
  const ids = new Set(CATALOG.map((m) => m.id));
  test.each(MOVING_ALIASES.flatMap((a) => a.names.map((n) => [n, a] as const)))('%s: periods in order, of curated models, ending at what the catalog aliases it to', (name, a) => {
    const froms = a.periods.map(([from]) => from);
    expect(froms).toEqual([...froms].sort());
    expect(a.periods.filter(([, id]) => !ids.has(id))).toEqual([]);
    expect(today(name)?.modelId).toBe(a.periods.at(-1)![1]);
  });
});
