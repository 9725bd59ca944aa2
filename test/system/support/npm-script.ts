import { runCommand } from '../../docker/packaging-support';

/** `npm run <script> -- <args>` in the repository, as a user types it; throws with its output on failure. */
export async function runNpmScript(script: string, args: string[]): Promise<void> {
  const result = await runCommand('npm', ['run', '--silent', script, '--', ...args]);
  if (result.code !== 0)
    throw new Error(`npm run ${script} failed:\n${result.stdout}\n${result.stderr}`);
}
