import { Skeleton } from '@/app/_components/query-state';

export default function Loading() {
  return (
    <div className="flex flex-col gap-5">
      <Skeleton className="h-12 w-80" label="Loading reconciliation" />
      <Skeleton className="h-20" />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">{[0, 1, 2, 3].map((i) => <Skeleton key={i} className="h-20" />)}</div>
      <Skeleton className="h-96" />
    </div>
  );
}
