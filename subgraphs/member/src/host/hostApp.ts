import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import express from 'express';
import {
  apiSecurityHeaders,
  HostAdminVerifier,
  jsonErrorHandler,
  jsonNotFound,
  keepIdleConnectionsOpen,
  SocketTracker,
  type Logger,
} from '@clustergraph/runtime';
import { createMemberSchema, MEMBER_MIGRATIONS_FOLDER } from '../app.ts';
import { adminRoutes } from './adminRoutes.ts';
import { firmUnavailable, sendHostError, unknownFirm } from './errors.ts';
import type { FirmDatabases } from './firmDatabases.ts';
import { FirmPool } from './firmPool.ts';
import type { HostConfig } from './hostConfig.ts';
import { openPgliteFirms } from './pgliteFirms.ts';
import { openPostgresFirms } from './postgresFirms.ts';
import { FirmProvisioning } from './provisioning.ts';

const HOST_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle-host', import.meta.url));
/** `/firms/<id>` and the rest of the path (the firm's own route) and query. */
const FIRM_PATH = /^\/firms\/([^/?#]+)(\/[^?#]*)?(\?.*)?$/;
/** How long a stopping host lets requests in flight finish. */
const STOP_GRACE_MS = 10_000;

export interface MemberHost {
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
  /** `<base>/firms/<id>/graphql` (the base is HOST_PUBLIC_URL, or the address it listens on). */
  endpointOf(memberId: string): string;
  readonly databases: FirmDatabases;
  readonly pool: FirmPool;
  readonly provisioning: FirmProvisioning;
}

/**
 * One process serving many firms' member subgraphs (issue 18): each firm is the member app
 * itself (same schema, resolvers and sovereignty), on its own schema or PGlite folder, with its
 * own policies, ledger, caches and gateway-token audience, reached at
 * `<base>/firms/<memberId>/graphql` over HTTP and graphql-ws. The host's own routes are
 * /health and the provisioning API /admin/firms.
 */
export async function createMemberHost(config: HostConfig, logger: Logger): Promise<MemberHost> {
  const databaseOptions = { memberMigrations: MEMBER_MIGRATIONS_FOLDER, hostMigrations: HOST_MIGRATIONS_FOLDER, logger };
  const databases = config.databaseUrl
    ? await openPostgresFirms({ ...databaseOptions, url: config.databaseUrl, poolMax: config.poolMax })
    : await openPgliteFirms({ ...databaseOptions, dataDir: config.dataDir });
  let baseUrl = config.publicUrl ?? '';
  const endpointOf = (memberId: string) => `${baseUrl}/firms/${memberId}/graphql`;
  // eslint-disable-next-line prefer-const -- the pool asks the provisioning, which needs the pool
  let provisioning: FirmProvisioning;
  const pool = new FirmPool({
    databases,
    memberConfigFor: config.memberConfigFor,
    schema: createMemberSchema(),
    logger,
    idleMs: config.idleMs,
    maxOpen: config.maxOpenFirms,
    mayOpen: (memberId) => !provisioning.isDeleting(memberId),
  });
  provisioning = new FirmProvisioning({ databases, pool, endpointOf, logger, hasSeedProfile: (id) => config.seedProfileOf(id) !== undefined });
  try {
    const hosted = await provisioning.load();
    logger.info({ hosted, driver: databases.driver }, 'member host: hosted firms found');
  } catch (error) {
    await databases.close();
    throw error;
  }

  const admin = express();
  admin.disable('x-powered-by');
  admin.use(apiSecurityHeaders());
  admin.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'member host', pid: process.pid, driver: databases.driver, firms: provisioning.count, open: pool.openCount });
  });
  admin.use(
    '/admin',
    adminRoutes({ provisioning, verifier: config.clusterServiceJwksUrl ? HostAdminVerifier.fromJwksUrl(config.clusterServiceJwksUrl) : null, logger }),
  );
  admin.use(jsonNotFound(), jsonErrorHandler({ logger }));

  /** The firm a path names, if this host serves it; its path within the firm in `rest`. */
  const firmOf = (url: string | undefined): { memberId: string; rest: string } | null => {
    const m = FIRM_PATH.exec(url ?? '');
    if (!m) return null;
    let memberId: string;
    try {
      memberId = decodeURIComponent(m[1]!);
    } catch {
      return { memberId: '', rest: '' };
    }
    return { memberId, rest: `${m[2] ?? '/'}${m[3] ?? ''}` };
  };

  const serveFirm = async (memberId: string, rest: string, req: IncomingMessage, res: ServerResponse) => {
    if (!provisioning.serves(memberId)) return sendHostError(res, unknownFirm(memberId));
    // A health check of a firm that is not open answers without opening it.
    if (rest === '/health' && !pool.isOpen(memberId)) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ status: 'ok', service: `member ${memberId}`, hosted: true, open: false, pid: process.pid }));
      return;
    }
    let lease;
    try {
      lease = await pool.acquire(memberId, 'request');
    } catch (error) {
      logger.error({ err: error, memberId }, 'hosted firm could not be opened');
      return sendHostError(res, firmUnavailable(memberId));
    }
    res.once('close', lease.release);
    req.url = rest;
    lease.firm.mounted.handle(req, res);
  };

  const server = keepIdleConnectionsOpen(
    createServer((req, res) => {
      const firm = firmOf(req.url);
      if (!firm) return void admin(req, res);
      void serveFirm(firm.memberId, firm.rest, req, res).catch((error: unknown) => {
        logger.error({ err: error }, 'hosted firm request failed');
        if (!res.headersSent) sendHostError(res, firmUnavailable(firm.memberId));
      });
    }),
  );
  const sockets = new SocketTracker(server);

  const refuseUpgrade = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const firm = firmOf(req.url);
    if (!firm || !firm.rest.startsWith('/graphql') || firm.rest.replace(/\?.*$/, '') !== '/graphql') return refuseUpgrade(socket, '404 Not Found');
    if (!provisioning.serves(firm.memberId)) return refuseUpgrade(socket, '404 Not Found');
    pool.acquire(firm.memberId, 'socket').then(
      (lease) => {
        socket.once('close', lease.release);
        req.url = firm.rest;
        lease.firm.mounted.upgrade(req, socket, head);
      },
      (error: unknown) => {
        logger.error({ err: error, memberId: firm.memberId }, 'hosted firm could not be opened for a socket');
        refuseUpgrade(socket, '503 Service Unavailable');
      },
    );
  });

  let listening = false;
  return {
    databases,
    pool,
    provisioning,
    endpointOf,
    async start(port = config.port, host = config.host) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      listening = true;
      const address = server.address() as AddressInfo;
      if (!config.publicUrl) baseUrl = `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
      pool.start();
      logger.info({ url: baseUrl, firms: provisioning.count }, 'member host listening');
      return { url: baseUrl, port: address.port };
    },
    async stop() {
      if (listening) server.close();
      server.closeIdleConnections();
      await pool.stop(STOP_GRACE_MS);
      sockets.destroyAll();
      await databases.close();
    },
  };
}
