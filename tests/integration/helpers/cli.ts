import { spawn } from 'node:child_process';

/** Runs the CLI without blocking the test worker's event loop (a blocked worker times out vitest's RPC). */
export function runCli(cmd: string, argv: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string; timeout: number }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout);
    child.on('error', reject);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
    child.stdin.end(opts.input ?? '');
  });
}
