import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;

/**
 * A full garbage collection, then the process's memory (bytes). For bench:hosted's "cost of an
 * idle firm" (RSS after GC): the host runs without --expose-gc, so the collector is fetched
 * once through V8's flag, as heap-snapshot tools do.
 */
export function memoryAfterGc(): { rss: number; heapUsed: number; external: number; arrayBuffers: number } {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString('--expose_gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
  collect();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}
