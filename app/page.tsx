import { redirect } from 'next/navigation';

/** The Overview is the front door: an empty workspace's Overview leads on to Uploads and the demo. */
export default function Home() {
  redirect('/overview');
}
