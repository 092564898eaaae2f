import { Skeleton } from '@/app/_components/query-state';
import { OverviewSkeleton } from './overview-client';

export default function Loading() {
  return (
    <div className="flex flex-col gap-6">
      <Skeleton className="h-12 w-72" label="Loading the overview" />
      <OverviewSkeleton />
    </div>
  );
}
