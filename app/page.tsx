import { redirect } from 'next/navigation';

/** Until the Overview dashboard lands, the Models view is the front door. */
export default function Home() {
  redirect('/models');
}
