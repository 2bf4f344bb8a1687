import { createHash } from 'node:crypto';

/**
 * The event id of one value change: the same whenever the same change is delivered again (a
 * resubscription's initial values, a replica watching the same server), different for any
 * other. The server's URI, the node and the source timestamp with its picoseconds name the
 * change; hashed so that long node ids still fit the 128 characters an eventId may have.
 */
export function opcuaEventId(serverUri: string, nodeId: string, sourceTimestamp: Date, sourcePicoseconds: number): string {
  const digest = createHash('sha256').update(`${serverUri}\n${nodeId}\n${sourceTimestamp.toISOString()}\n${sourcePicoseconds}`).digest('hex');
  return `opcua:${digest.slice(0, 40)}`;
}
