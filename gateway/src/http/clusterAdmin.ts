import type { RequestHandler } from 'express';
import { ErrorCode, httpErrorBody, type Viewer } from '@clustergraph/runtime';
import type { Authenticator } from '../auth/index.ts';

/** An admin user of the firm the registry lists as LEADER: the cluster's operator. */
export function isClusterAdmin(viewer: Viewer | null): boolean {
  return viewer !== null && viewer.roles.includes('admin') && viewer.memberRoles.includes('LEADER');
}

/**
 * Guards operator routes (/debug/*): a bearer token the gateway's authenticator accepts, of
 * an admin of the leader firm. Its member roles come from the registry, never from the
 * token, so a partner's admin or a planner of the leader is refused. 401 without a valid
 * token, 403 with anyone else's.
 */
export function requireClusterAdmin(authenticator: Pick<Authenticator, 'authenticate'>): RequestHandler {
  return async (req, res, next) => {
    if (!req.headers.authorization) {
      res.setHeader('www-authenticate', 'Bearer');
      res.status(401).json(httpErrorBody('this route needs a bearer token of an admin of the cluster leader', ErrorCode.UNAUTHENTICATED));
      return;
    }
    let viewer: Viewer | null;
    try {
      viewer = await authenticator.authenticate(req.headers.authorization);
    } catch {
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      res.status(401).json(httpErrorBody('the bearer token is not valid', ErrorCode.UNAUTHENTICATED));
      return;
    }
    if (!isClusterAdmin(viewer)) {
      res.status(403).json(httpErrorBody('only an admin of the cluster leader may use this route', ErrorCode.FORBIDDEN));
      return;
    }
    next();
  };
}
