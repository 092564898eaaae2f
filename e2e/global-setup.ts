import fs from 'node:fs';

export default function globalSetup() {
  fs.mkdirSync('e2e/screenshots', { recursive: true });
  fs.mkdirSync('e2e/.auth', { recursive: true });
}
