import { formatCell } from '@/lib/reports/format';
import type { ReportSnapshot } from '@/lib/reports/types';
import { CumulativeChart, ScatterChartView } from './report-charts';
import { SnapshotTable } from './snapshot-table';

/** The frozen snapshot laid out for a reader outside engineering: summary first, then the numbers and where they came from. */

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="report-section rounded-lg border border-border bg-panel p-4">
      <h2 id={id} className="mb-3 font-medium">{title}</h2>
      {children}
    </section>
  );
}

export function ReportView({ snapshot: s }: { snapshot: ReportSnapshot }) {
  const main = s.tables.find((t) => t.name === 'comparison');
  const others = s.tables.filter((t) => t.name !== 'comparison');
  return (
    <div className="flex flex-col gap-4">
      <Section id="r-summary" title="Summary">
        <p className="max-w-4xl text-[15px] leading-relaxed" data-testid="report-summary">{s.summary}</p>
        {s.keyNumbers.length > 0 && (
          <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-4">
            {s.keyNumbers.map((k) => (
              <div key={k.label} className="rounded-md border border-border bg-panel-2 px-3 py-2">
                <dt className="text-xs uppercase tracking-wide text-muted">{k.label}</dt>
                <dd className="mt-0.5 text-xl font-semibold tabular">{formatCell(k.value, k.unit)}</dd>
              </div>
            ))}
          </dl>
        )}
      </Section>
      {main && <Section id="r-main" title={main.title}><SnapshotTable table={main} /></Section>}
      {s.cumulative && <Section id="r-cum" title={s.cumulative.title}><CumulativeChart chart={s.cumulative} /></Section>}
      {s.scatter && <Section id="r-scatter" title={s.scatter.title}><ScatterChartView chart={s.scatter} /></Section>}
      {others.map((t) => <Section key={t.name} id={`r-t-${t.name}`} title={t.title}><SnapshotTable table={t} /></Section>)}
      <Section id="r-assumptions" title="Assumptions">
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[14rem_1fr]">
          {s.assumptions.map((a) => <div key={a.label} className="contents"><dt className="font-medium">{a.label}</dt><dd className="text-muted">{a.value}</dd></div>)}
        </dl>
      </Section>
      <Section id="r-sources" title="Sources">
        {s.sources.length === 0 ? <p className="text-sm text-muted">None recorded.</p> : (
          <ul className="flex flex-col gap-1 text-sm">
            {s.sources.map((x, i) => <li key={i}><span className="font-medium">{x.label}</span> <span className="text-muted">— {x.detail}</span></li>)}
          </ul>
        )}
      </Section>
      {s.glossary.length > 0 && (
        <Section id="r-glossary" title="Glossary">
          <dl className="grid gap-x-6 gap-y-1 text-sm md:grid-cols-[10rem_1fr]">
            {s.glossary.map((g) => <div key={g.term} className="contents"><dt className="font-medium">{g.term}</dt><dd className="text-muted">{g.meaning}</dd></div>)}
          </dl>
        </Section>
      )}
    </div>
  );
}
