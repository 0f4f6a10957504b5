// `npm run build`: the main process and the preload with esbuild, the renderer with Vite, all into dist/.
// `--renderer` builds only the renderer (browser mode and the e2e tests need nothing else).
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = resolve(import.meta.dirname, '..');
const shellOut = join(root, 'dist', 'electron');
const rendererOut = join(root, 'dist', 'renderer');

async function buildShell(): Promise<void> {
  const common: BuildOptions = { bundle: true, external: ['electron'], logLevel: 'warning', legalComments: 'none' };
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: [join(root, 'electron', 'main.ts')],
      outfile: join(shellOut, 'main.js'),
      platform: 'node',
      format: 'esm',
      target: 'node24',
      // Bundled CommonJS dependencies call require() for Node built-ins, which an ES module lacks.
      banner: { js: "import { createRequire as __causetteRequire } from 'node:module'; const require = __causetteRequire(import.meta.url);" },
    }),
    // A sandboxed preload cannot load modules: one CommonJS file that only require()s 'electron'.
    esbuild({
      ...common,
      entryPoints: [join(root, 'electron', 'preload.ts')],
      outfile: join(shellOut, 'preload.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: 'es2024',
    }),
  ]).catch(() => {
    // esbuild has printed each error with its location; one line here says which step stopped.
    throw new Error('esbuild could not bundle the Electron shell (see the errors above).');
  });
  console.log(`Built ${relative(root, join(shellOut, 'main.js'))} and ${relative(root, join(shellOut, 'preload.cjs'))}`);
}

async function buildRenderer(): Promise<void> {
  const configFile = join(root, 'vite.config.ts');
  if (!existsSync(configFile)) throw new Error('vite.config.ts is missing at the project root, so the renderer cannot be built.');
  // Only the config file: it sets its own root and outDir, which inline options would override.
  await viteBuild({ configFile, logLevel: 'warn' });
  if (!existsSync(join(rendererOut, 'index.html'))) throw new Error(`Vite finished but ${relative(root, rendererOut)}/index.html is missing: check outDir in vite.config.ts.`);
  console.log(`Built ${relative(root, rendererOut)}/`);
}

let rendererOnly: boolean | undefined;
try {
  rendererOnly = parseArgs({ options: { renderer: { type: 'boolean' } } }).values.renderer;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: node scripts/build.ts [--renderer]`);
  process.exit(2);
}
try {
  if (!rendererOnly) await buildShell();
  await buildRenderer();
} catch (error) {
  console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
