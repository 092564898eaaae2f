import { parseCsv } from '@/lib/csv';
import { D } from '@/lib/money';
import type { CsvFormat, RowOutcome, UsageRecord } from '../types';

/** Helpers for the format tests: run a format the way the pipeline does and add up what it read. */

/** A CSV format over a whole file: first row is the header, lower-cased and trimmed, as the pipeline does. */
export function runCsv(format: CsvFormat, csv: string): RowOutcome[] {
  const [head, ...rows] = parseCsv(csv);
  const read = format.start(head!.fields.map((h) => h.trim().toLowerCase()));
  return rows.map((r) => read(r.fields));
}

export const recordsOf = (outcomes: RowOutcome[]): UsageRecord[] => outcomes.flatMap((o) => (o.kind === 'records' ? o.records : []));

/** Token, request and reported-cost totals; cost summed exactly. */
export function totals(records: UsageRecord[]) {
  return {
    input: records.reduce((s, r) => s + r.inputTokens, 0),
    cached: records.reduce((s, r) => s + r.cachedInputTokens, 0),
    output: records.reduce((s, r) => s + r.outputTokens, 0),
    requests: records.reduce((s, r) => s + r.requests, 0),
    cost: records.reduce((s, r) => s.plus(r.reportedCostUsd ?? 0), new D(0)).toFixed(),
  };
}
