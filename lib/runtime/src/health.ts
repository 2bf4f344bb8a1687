import { timingSafeEqual } from 'node:crypto';
import type { Express } from 'express';
import { sql } from 'drizzle-orm';
import { ErrorCode } from './errors.ts';
import { httpErrorBody } from './httpErrors.ts';
import { metrics, metricsText, startProcessMetrics } from './metrics.ts';
import type { Database } from './db.ts';

/** One thing a service needs to serve: its database answers, its routing table is loaded… */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean> | boolean;
}

/** How long one readiness check may take before it counts as failed. */
const CHECK_TIMEOUT_MS = 2000;

/** The database answers `select 1`. */
export function databaseCheck(db: Database<Record<string, unknown>>): ReadinessCheck {
  return {
    name: 'database',
    async check() {
      await db.execute(sql`select 1`);
      return true;
    },
  };
}

/** Runs every check (in parallel, each bounded in time); a throw or a timeout is `false`. */
export async function runReadiness(checks: readonly ReadinessCheck[]): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
      try {
        return [name, await Promise.race([Promise.resolve().then(check), timeout])] as const;
      } catch {
        return [name, false] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every(([, ok]) => ok), checks: Object.fromEntries(results) };
}

export interface ObservabilityRoutesOptions {
  /** Bearer token for /metrics; null answers 404 (metrics off). */
  metricsToken: string | null;
  readiness: readonly ReadinessCheck[];
}

/**
 * `/ready` (200 or 503 with each check's name and result — never a reason, which could name a
 * database host) and `/metrics` (Prometheus text, only with the metrics token: the figures name
 * firms and show how busy each is). `/health` (alive) stays with each service as it was.
 */
export function mountObservabilityRoutes(app: Express, options: ObservabilityRoutesOptions): void {
  startProcessMetrics();
  const expected = options.metricsToken ? Buffer.from(`Bearer ${options.metricsToken}`) : null;
  app.get('/ready', async (_req, res) => {
    const readiness = await runReadiness(options.readiness);
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks });
  });
  app.get('/metrics', async (req, res) => {
    if (!expected) {
      res.status(404).json(httpErrorBody('metrics are off on this service (set METRICS_TOKEN)', ErrorCode.NOT_FOUND));
      return;
    }
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.setHeader('www-authenticate', 'Bearer');
      res.status(401).json(httpErrorBody('the metrics token is required (Authorization: Bearer …)', ErrorCode.UNAUTHENTICATED));
      return;
    }
    const readiness = await runReadiness(options.readiness);
    metrics.ready.set(readiness.ready ? 1 : 0);
    const { contentType, body } = await metricsText();
    res.setHeader('content-type', contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(body);
  });
}
