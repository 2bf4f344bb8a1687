import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { bearerToken, httpErrorBody, requireJsonBody, type HostAdminVerifier, type Logger } from '@clustergraph/runtime';
import { HostApiError, badInput, unauthenticated } from './errors.ts';
import { isHostedMemberId, parseNewHostedFirm } from './provisionInput.ts';
import type { FirmProvisioning } from './provisioning.ts';
import { memoryAfterGc } from './memory.ts';

export interface AdminRoutesOptions {
  provisioning: FirmProvisioning;
  /** Null when CLUSTER_SERVICE_JWKS_URL is unset: every admin call is refused. */
  verifier: HostAdminVerifier | null;
  logger: Logger;
}

const sendError = (res: Response, error: HostApiError) =>
  res.status(error.status).json(httpErrorBody(error.message, error.code, error.field ? { field: error.field } : {}));

/**
 * `/admin/firms` (mounted at /admin): the provisioning contract with the cluster registry.
 * Every call carries a host-admin JWT (lib/runtime/src/hostAdmin.ts); anything else is a 401.
 */
export function adminRoutes(options: AdminRoutesOptions): Router {
  const router = express.Router();
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const checked = options.verifier
      ? await options.verifier.check(bearerToken(req.headers.authorization))
      : { ok: false as const, reason: 'admin API not configured' };
    if (!checked.ok) {
      options.logger.warn({ reason: checked.reason, method: req.method, path: req.path.slice(0, 100) }, 'host admin call refused');
      sendError(res, unauthenticated(checked.reason));
      return;
    }
    res.locals['adminSubject'] = checked.subject;
    next();
  });
  router.use(requireJsonBody(), express.json({ limit: '16kb' }));

  router.get('/firms', (_req, res) => {
    res.json({
      firms: options.provisioning.list().map((f) => ({
        memberId: f.memberId,
        name: f.name,
        processes: f.processes,
        createdAt: f.createdAt.toISOString(),
        endpoint: f.endpoint,
        state: f.state,
      })),
    });
  });

  // Not part of the provisioning contract: bench:hosted's memory figures (RSS after a full GC).
  router.get('/memory', (_req, res) => {
    res.json({ ...memoryAfterGc(), hostedFirms: options.provisioning.count, openFirms: options.provisioning.openCount });
  });

  router.post('/firms', async (req, res, next) => {
    try {
      const firm = parseNewHostedFirm(req.body);
      const { created, memberId, endpoint } = await options.provisioning.provision(firm);
      res.status(created ? 201 : 200).json({ memberId, endpoint });
    } catch (error) {
      if (error instanceof HostApiError) sendError(res, error);
      else next(error);
    }
  });

  router.delete('/firms/:memberId', async (req, res, next) => {
    const memberId = String(req.params['memberId']);
    try {
      if (!isHostedMemberId(memberId)) throw badInput('memberId', 'not a member id');
      const { deletedAt } = await options.provisioning.remove(memberId, String(res.locals['adminSubject']));
      res.json({ memberId, deletedAt });
    } catch (error) {
      if (error instanceof HostApiError) sendError(res, error);
      else next(error);
    }
  });
  return router;
}
