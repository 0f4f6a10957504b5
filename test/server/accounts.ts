// Accounts on a test server, made with `prosodyctl register` (about 60 ms each; works while prosody runs or not).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function registerAccount(configPath: string, domain: string, username: string, password: string): Promise<void> {
  // Node prep of the localpart (RFC 7622) is prosody's job; we only refuse what it would accept silently.
  if (username === '' || /[@/\s]/.test(username)) throw new Error(`invalid username ${JSON.stringify(username)}`);
  if (password === '') throw new Error(`empty password for ${username}`);
  try {
    await run('prosodyctl', ['--config', configPath, 'register', username, domain, password], { timeout: 10_000 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const detail = `${stdout}${stderr}`.trim() || String(error);
    throw new Error(`prosodyctl register ${username}@${domain} failed: ${detail}`, { cause: error });
  }
}
