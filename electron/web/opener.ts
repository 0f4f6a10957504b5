// Opening the user's default browser on a local file; whatever is passed here is visible to every user in `ps`.
import { spawn } from 'node:child_process';

/** The command and arguments that open `target` (a file path) with the platform's default handler. */
export function openerCommand(platform: NodeJS.Platform, target: string): readonly [string, readonly string[]] {
  if (platform === 'darwin') return ['open', [target]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '', target]];
  return ['xdg-open', [target]];
}

export function openInBrowser(target: string, onFailure: () => void): void {
  const [command, args] = openerCommand(process.platform, target);
  const child = spawn(command, [...args], { stdio: 'ignore', detached: true });
  child.on('error', onFailure);
  child.unref();
}
