import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { freePort } from '@clustergraph/launcher';

/**
 * A Mosquitto of the test's own (Debian's `mosquitto`, on a reserved port of 127.0.0.1): the
 * firms' machines publish here. Not the machine's shared broker: two test runs there would
 * feed each other's members, whose topics are named by member id.
 */
export async function startBroker(): Promise<{ host: string; port: number; url: string; stop(): void }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cg-net-mqtt-'));
  writeFileSync(join(dir, 'mosquitto.conf'), `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  const broker = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  const stop = () => {
    broker.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  for (const deadline = Date.now() + 15_000; ;) {
    try {
      await (await connectAsync(url, { connectTimeout: 1000, reconnectPeriod: 0 })).endAsync();
      return { host: '127.0.0.1', port, url, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        stop();
        throw new Error(`mosquitto did not start on port ${port}: ${(error as Error).message}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
