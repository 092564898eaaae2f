import { Sidebar } from '../_components/sidebar';

export default function AppLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <Sidebar />
      <main id="main" className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
