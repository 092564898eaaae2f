import Link from 'next/link';
import { NAV } from './nav';

/** What a screen that is not built yet says: plainly, with what it will do and where to go meanwhile. */
export function ComingSoon({ href }: { href: (typeof NAV)[number]['href'] }) {
  const item = NAV.find((n) => n.href === href)!;
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">{item.label}</h1>
      <div className="mt-6 rounded-lg border border-dashed border-border bg-panel p-6">
        <p className="font-medium">This screen is not built yet.</p>
        <p className="mt-2 text-sm text-muted">{item.blurb}</p>
        <p className="mt-4 text-sm">
          Meanwhile, the <Link className="text-accent underline" href="/models">Models</Link> view charts Arena Elo against price for every catalog model.
        </p>
      </div>
    </div>
  );
}
