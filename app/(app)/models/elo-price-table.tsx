'use client';

import { formatCurrency } from '@/lib/format-currency';
import { vendorColors } from '@/lib/models/colors';
import type { EloPricePoint } from '@/lib/quality/frontier';

const COLUMNS = [
  { key: 'name', label: 'Model', numeric: false },
  { key: 'elo', label: 'Elo (95% CI)', numeric: true },
  { key: 'votes', label: 'Votes', numeric: true },
  { key: 'provider', label: 'Provider', numeric: false },
  { key: 'input', label: 'Input $/1M', numeric: true },
  { key: 'output', label: 'Output $/1M', numeric: true },
  { key: 'blended', label: 'Blended $/1M', numeric: true },
  { key: 'slope', label: 'Elo per 2× price', numeric: true },
] as const;
type SortKey = (typeof COLUMNS)[number]['key'];

function sortValue(p: EloPricePoint, key: SortKey): string | number | null {
  switch (key) {
    case 'name': return p.name.toLowerCase();
    case 'elo': return p.elo;
    case 'votes': return p.votes;
    case 'provider': return p.providerName.toLowerCase();
    case 'input': return Number(p.inputPerMtok);
    case 'output': return Number(p.outputPerMtok);
    case 'blended': return Number(p.blendedPerMtok);
    case 'slope': return p.eloPerDoubling;
  }
}

/** Names and prices read best ascending (cheapest first); Elo, votes and slope descending (best first). */
function defaultDir(key: SortKey): 'asc' | 'desc' {
  return key === 'elo' || key === 'votes' || key === 'slope' ? 'desc' : 'asc';
}

/** Sortable table of the same numbers as the chart (also its accessible fallback). Sort lives in the URL. */
export function EloPriceTable(props: {
  points: EloPricePoint[];
  onProvider: (modelId: string, providerId: string) => void;
  sort?: string;
  dir?: 'asc' | 'desc';
  onSort: (sort: SortKey, dir: 'asc' | 'desc') => void;
}) {
  const { points, onProvider } = props;
  // The chart's map over the same points, so a row's swatch matches its marker.
  const colors = vendorColors(points.map((p) => p.vendor));
  const sort = (COLUMNS.find((c) => c.key === props.sort)?.key ?? 'elo') as SortKey;
  const dir = props.dir ?? defaultDir(sort);

  const sorted = [...points].sort((a, b) => {
    const va = sortValue(a, sort);
    const vb = sortValue(b, sort);
    if (va === null && vb === null) return 0;
    if (va === null) return 1;
    if (vb === null) return -1;
    const c = typeof va === 'number' && typeof vb === 'number'
      ? (sort === 'blended' ? Number(a.blendedPerMtok) - Number(b.blendedPerMtok) : va - vb)
      : String(va).localeCompare(String(vb));
    return dir === 'asc' ? c : -c;
  });

  const setSort = (key: SortKey) => {
    props.onSort(key, key === sort ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(key));
  };

  return (
    <div className="relative overflow-x-auto rounded-lg border border-border bg-panel">
      <table className="w-full text-sm">
        <caption className="sr-only">Models with Elo and price, sortable</caption>
        <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" aria-sort={sort === c.key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={`px-3 py-2 font-medium ${c.numeric ? 'text-right' : ''}`}>
                <button type="button" onClick={() => setSort(c.key)} className="inline-flex items-center gap-1 uppercase hover:text-text">
                  {c.label}
                  <span aria-hidden>{sort === c.key ? (dir === 'asc' ? '▲' : '▼') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.modelId} data-model={p.modelId} className="border-b border-border last:border-0 hover:bg-panel-2">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <span className="flex items-center gap-2 whitespace-nowrap">
                  <span aria-hidden className={`inline-block h-2.5 w-2.5 ${p.openWeights ? 'rounded-full' : 'rotate-45'}`} style={{ background: colors.get(p.vendor) }} />
                  {p.name}
                  {p.onFrontier && <span className="rounded bg-accent-soft px-1.5 py-0.5 text-[10px] font-semibold uppercase text-accent">frontier</span>}
                </span>
                <span className="block pl-4.5 text-xs font-normal text-muted">{p.vendor} · {p.openWeights ? 'open weights' : 'closed'}</span>
              </th>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular">
                {Math.round(p.elo)}
                {p.ciLower !== null && p.ciUpper !== null && <span className="text-muted"> ({Math.round(p.ciLower)}–{Math.round(p.ciUpper)})</span>}
              </td>
              <td className="px-3 py-2 text-right tabular">{p.votes?.toLocaleString('en-US') ?? '—'}</td>
              <td className="px-3 py-2">
                {p.providers.length > 1 ? (
                  <select aria-label={`Provider for ${p.name}`} className="rounded border border-border bg-panel-2 px-1.5 py-1" value={p.providerId} onChange={(e) => onProvider(p.modelId, e.target.value)}>
                    {p.providers.map((o) => <option key={o.providerId} value={o.providerId}>{o.providerName} ({formatCurrency(o.blendedPerMtok)})</option>)}
                  </select>
                ) : p.providerName}
              </td>
              <td className="px-3 py-2 text-right tabular">{formatCurrency(p.inputPerMtok)}</td>
              <td className="px-3 py-2 text-right tabular">{formatCurrency(p.outputPerMtok)}</td>
              <td className="px-3 py-2 text-right font-medium tabular" data-testid="blended">{formatCurrency(p.blendedPerMtok)}</td>
              <td className="px-3 py-2 text-right tabular">{p.eloPerDoubling === null ? '—' : `${p.eloPerDoubling >= 0 ? '+' : ''}${p.eloPerDoubling.toFixed(1)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
