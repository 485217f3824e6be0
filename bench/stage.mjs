// `npm run bench` entry for the stage's browser figures: runs bench/stage.ts through tsx (it
// imports the app's TypeScript modules to build and serve the site and to make a share link).
import { spawnSync } from 'node:child_process';

const r = spawnSync('node_modules/.bin/tsx', ['bench/stage.ts'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
