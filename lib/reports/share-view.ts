import type { ReportSnapshot, ReportSource } from './types';

/**
 * What a share-link reader may see of a report: its analysis (costs, Elo, options, the months, assumptions) but not
 * how the workspace keeps its books. Upload filenames and upload ids name internal files; a negotiated discount
 * percentage is a contract term. The costs shown already include the discount, so the reader keeps effective prices.
 *
 * Applied when a share link is read, not when a report is saved: versions frozen before this rule carry the fields,
 * and a member still sees every source of their own report.
 */
export function shareView(s: ReportSnapshot): ReportSnapshot {
  let uploads = 0;
  const sources = s.sources.map((x): ReportSource => {
    if (x.kind === 'upload') return { kind: 'upload', label: `Usage upload ${++uploads}`, detail: uploadDetail(x.detail) };
    if (x.kind === 'price_override' && /%/.test(x.detail)) return { ...x, detail: discountDetail(x.detail) };
    return x;
  });
  return { ...s, sources };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** `upload <id>: 1,234 rows, 2026-10-01 to 2026-10-20` keeps its row count and days; any id anywhere goes. */
function uploadDetail(detail: string): string {
  return detail.replace(/^upload\s+[^:]*:\s*/i, '').replace(UUID, '(id withheld)');
}

/** `15% off list prices from 2026-01-01` says a discount applies from its date, not how large it is. */
function discountDetail(detail: string): string {
  const from = /\bfrom (\d{4}-\d{2}-\d{2})\b/.exec(detail)?.[1];
  return `a negotiated discount on list prices${from ? ` from ${from}` : ''} (the costs shown include it)`;
}
