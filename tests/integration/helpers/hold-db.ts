// Opens the embedded database in a folder the way the app does, then holds it until killed (lock tests).
import { openDatabase } from '@/db/client';

const dir = process.argv[2]!;
openDatabase({ dir, purpose: 'app' }).then(() => {
  console.log('held');
  setInterval(() => {}, 1000);
}, (e: Error) => {
  console.error(e.message);
  process.exit(1);
});
