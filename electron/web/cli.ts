// `npm run web`: the core and the renderer in the user's browser, on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCore } from '../core/core.ts';
import { createFileSecretBox, plainSealer } from '../core/secrets/secret-box.ts';
import { parseWebCli, UsageError, webUsage } from './cli-options.ts';
import { openInBrowser } from './opener.ts';
import { defaultProfileDir } from './profile-dir.ts';
import { readTokenFile, writeLaunchPage } from './token-file.ts';
import { startWebHost } from './web-host.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  let options;
  let token;
  try {
    options = parseWebCli(process.argv.slice(2));
    token = options.tokenFile === undefined ? randomBytes(24).toString('base64url') : readTokenFile(options.tokenFile);
  } catch (error) {
    fail(`${error instanceof UsageError || error instanceof TypeError ? error.message : String(error)}\n${webUsage}`.trim());
  }
  const rendererDir = join(projectRoot, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) fail('The renderer is not built yet: run `npm run web` (it builds first) or `node scripts/build.ts --renderer`.');
  const extraCa = options.ca.map((file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return fail(`Cannot read the certificate authority file ${file}.`);
    }
  });
  const profileDir = resolve(options.profile ?? defaultProfileDir());
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const core = await createCore({
    profileDir,
    secrets: createFileSecretBox(join(profileDir, 'passwords.json'), plainSealer),
    version,
    extraCa,
    ...(options.downloads === undefined ? {} : { downloadsDir: resolve(options.downloads) }),
  });
  const host = await startWebHost({
    core,
    rendererDir,
    port: options.port,
    token,
    logger: core.logger.child({ host: 'web' }),
  });
  console.log(`Causette is running in browser mode (profile ${profileDir}).\nOpen: ${host.url}\nPress Ctrl+C to stop.`);
  // The opener gets a file only we can read that leads on to the address, never the token itself.
  const launchPage = join(profileDir, 'open-causette.html');
  if (options.open) {
    writeLaunchPage(launchPage, host.url);
    openInBrowser(launchPage, () => console.log('Could not open a browser by itself: open the address above.'));
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    rmSync(launchPage, { force: true });
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
