// `npm start`: the desktop app. Makes sure the Electron runtime is there, builds, then runs Electron on the project.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ensureElectron, missingElectronMessage } from './electron-runtime.ts';

const root = resolve(import.meta.dirname, '..');
// The package's folder, found without loading its index.js (which would try to download and throw).
const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));

const runtime = ensureElectron(electronDir, process.env);
if ('missing' in runtime) {
  console.error(missingElectronMessage(runtime.missing));
  process.exit(1);
}

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.ts')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

// ELECTRON_RUN_AS_NODE, set by some editors' terminals, would turn Electron into plain Node.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const electron = spawn(runtime.binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => electron.kill(signal));
electron.on('error', (error) => {
  console.error(`Could not start Electron (${runtime.binary}): ${error.message}`);
  process.exit(1);
});
electron.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
