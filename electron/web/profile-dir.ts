// The same profile folder Electron's app.getPath('userData') gives, so both hosts share one profile by default.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultProfileDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Causette');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Causette');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Causette');
}
