'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiError, callApi } from '@/app/_components/api-client';

export function PrintButton() {
  return <button type="button" onClick={() => window.print()} className="rounded-md border border-border bg-panel px-3 py-1.5 text-sm hover:bg-panel-2">Print</button>;
}

export function DeleteReport({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button type="button" className="rounded-md border border-border bg-panel px-3 py-1.5 text-sm text-bad hover:bg-panel-2" onClick={async () => {
        if (!window.confirm(`Delete the report "${title}" with every version and share link?`)) return;
        const r = await callApi(`/api/v1/reports/${id}`, { method: 'DELETE' });
        if (!r.ok && r.status !== 204) { setError(apiError(r)); return; }
        router.push('/reports');
        router.refresh();
      }}>Delete</button>
      {error && <p role="alert" className="text-sm text-bad">{error}</p>}
    </>
  );
}
