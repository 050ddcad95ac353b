import { spawn } from 'child_process';
import path from 'path';
import { createHttp, type Http } from './http';

export interface SecondProcess {
  http: Http;
  baseUrl: string;
  stop(): Promise<void>;
  /** Kills the process at once (no shutdown): an instance that dies. */
  kill(): Promise<void>;
}

/** Starts the app in another Node process on the same database and environment. */
export const startSecondProcess = (env: Record<string, string>): Promise<SecondProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'second-process-main.js')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    /** Sends the signal and resolves once the process is gone (at once if it already is); SIGKILL after 20 s. */
    const ended = (signal: NodeJS.Signals) =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        child.kill(signal);
      });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`second process did not start in 60 s: ${errors}`));
    }, 60_000);
    child.stderr.on('data', (chunk) => {
      errors += chunk;
      if (process.env.DEBUG_SECOND) process.stderr.write(chunk);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /PORT (\d+)/.exec(chunk.toString());
      if (!match) return;
      clearTimeout(timer);
      resolve({
        http: createHttp(`http://127.0.0.1:${match[1]}`),
        baseUrl: `http://127.0.0.1:${match[1]}`,
        stop: () => ended('SIGTERM'),
        kill: () => ended('SIGKILL'),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`second process exited with ${code}: ${errors}`));
    });
  });
