import { Skeleton } from '@/app/_components/query-state';
import { UsageSkeleton } from './usage-client';

export default function Loading() {
  return (
    <div className="flex flex-col gap-5">
      <Skeleton className="h-12 w-80" label="Loading usage" />
      <Skeleton className="h-32" label="Loading filters" />
      <UsageSkeleton />
    </div>
  );
}
