// `pnpm start -- --opcua`: the die-casting cells of one demo partner (Daesung, which shares
// LINE_STATUS with the leader) are fed by a simulated OPC UA machine server in the demo's own
// process instead of the member's line simulator: the member connects to it with the
// node-opcua client, as it would to a real press's server, and the leader's Live lines show it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimulatedMachineServer, simulatedNodeIds } from '@clustergraph/member-subgraph/opcua/simulation';

/** The partner whose lines the simulated machines feed. */
const OPCUA_DEMO_MEMBER = 'daesung-casting';
const CELLS = ['dc-800t', 'dc-1250t'];
/** PackML state numbers the cells move through (the mapping uses the "packml" preset). */
const PACKML = { IDLE: 4, SUSPENDED: 5, EXECUTE: 6, HELD: 11 } as const;

export interface OpcuaDemo {
  /** The member the machines feed. */
  memberId: string;
  endpointUrl: string;
  /** Environment for the member that reads the machines. */
  memberEnv: Record<string, string>;
  /** Starts the server and the cells' random walk (the member, started meanwhile, keeps trying until it answers). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The simulated machine server on `port`, and the member's mapping file written under `rootDir`. */
export function prepareOpcuaDemo(rootDir: string, port: number): OpcuaDemo {
  const dir = join(rootDir, 'opcua');
  mkdirSync(dir, { recursive: true });
  const server = new SimulatedMachineServer({ port, machines: CELLS, pkiDir: join(dir, 'server-pki'), initialState: PACKML.EXECUTE });
  const mappingFile = join(dir, `${OPCUA_DEMO_MEMBER}-mapping.json`);
  const lines = CELLS.map((cell) => {
    const nodes = simulatedNodeIds(cell);
    return { lineId: cell, state: { nodeId: nodes.state, values: 'packml' }, goodCount: { nodeId: nodes.goodCount }, scrapCount: { nodeId: nodes.scrapCount } };
  });
  writeFileSync(mappingFile, JSON.stringify({ lines }, null, 2));
  let timers: NodeJS.Timeout[] = [];
  return {
    memberId: OPCUA_DEMO_MEMBER,
    endpointUrl: server.endpointUrl,
    memberEnv: { SIMULATOR: 'false', OPCUA_ENDPOINT: server.endpointUrl, OPCUA_MAPPING_FILE: mappingFile },
    async start() {
      await server.start();
      timers = CELLS.map((cell) => driveCell(server, cell));
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await server.stop();
    },
  };
}

/**
 * One cell's random walk, a step every 3 s: mostly EXECUTE, making 1–3 good parts and now and
 * then a scrap; sometimes HELD (a fault: DOWN) or SUSPENDED (waiting: IDLE) for a few steps.
 */
function driveCell(server: SimulatedMachineServer, cell: string): NodeJS.Timeout {
  let stepsLeft = 0;
  const timer = setInterval(() => {
    if (!server.running) return;
    const { state } = server.machine(cell);
    if (state !== PACKML.EXECUTE) {
      if (--stepsLeft <= 0) server.setState(cell, PACKML.EXECUTE);
      return;
    }
    const roll = Math.random();
    if (roll < 0.04) {
      server.setState(cell, PACKML.HELD);
      stepsLeft = 3 + Math.floor(Math.random() * 5);
    } else if (roll < 0.08) {
      server.setState(cell, PACKML.SUSPENDED);
      stepsLeft = 2 + Math.floor(Math.random() * 3);
    } else {
      server.count(cell, 1 + Math.floor(Math.random() * 3), Math.random() < 0.1 ? 1 : 0);
    }
  }, 3_000);
  timer.unref();
  return timer;
}
