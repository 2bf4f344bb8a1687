import { DataType, MessageSecurityMode, SecurityPolicy, StatusCodes, Variant } from 'node-opcua-client';
import { OPCUACertificateManager } from 'node-opcua-certificate-manager';
import { OPCUAServer } from 'node-opcua-server';

type Namespace = ReturnType<NonNullable<OPCUAServer['engine']['addressSpace']>['getOwnNamespace']>;
type UAVariable = ReturnType<Namespace['addVariable']>;

/** One simulated machine: a state value and two cumulative counters, kept while its server is down (the machine runs on). */
export interface MachineValues {
  state: number;
  good: number;
  scrap: number;
}

export interface SimulatedMachineServerOptions {
  /** TCP port of opc.tcp://127.0.0.1:<port> (0: a free one, chosen at the first start); kept across restarts. */
  port: number;
  /** Machine ids: each gets ns=1;s=<id>.State (Int32), .GoodCount and .ScrapCount (UInt32). */
  machines: string[];
  /** Certificate store of the server (its own certificate is made there at first start). */
  pkiDir: string;
  /** Initial state value of every machine (default 0). */
  initialState?: number;
  /** Require this user (anonymous refused); default: anonymous allowed. */
  user?: { userName: string; password: string };
  /** Default: None only. */
  securityModes?: Array<'None' | 'Sign' | 'SignAndEncrypt'>;
  securityPolicies?: Array<'None' | 'Basic256Sha256'>;
}

const APPLICATION_URI = 'urn:clustergraph:simulated-machines';

/** The node ids a mapping names for machine `id` on this server. */
export function simulatedNodeIds(id: string): { state: string; goodCount: string; scrapCount: string } {
  return { state: `ns=1;s=${id}.State`, goodCount: `ns=1;s=${id}.GoodCount`, scrapCount: `ns=1;s=${id}.ScrapCount` };
}

/**
 * A real node-opcua server with a few machines in it, for the tests and `pnpm start -- --opcua`.
 * Values change through `setState`, `count` and `resetCounters`; `stop()` and `start()` restart
 * the server on the same port with the machines' current values (as a PLC's OPC UA server that
 * restarts while the machine keeps its registers).
 */
export class SimulatedMachineServer {
  private server: OPCUAServer | null = null;
  private port: number;
  private readonly values = new Map<string, MachineValues>();
  private readonly variables = new Map<string, { state: UAVariable; good: UAVariable; scrap: UAVariable }>();

  constructor(private readonly options: SimulatedMachineServerOptions) {
    this.port = options.port;
    for (const id of options.machines) this.values.set(id, { state: options.initialState ?? 0, good: 0, scrap: 0 });
  }

  /** Known once started when the port was 0. */
  get endpointUrl(): string {
    return `opc.tcp://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  machine(id: string): MachineValues {
    const values = this.values.get(id);
    if (!values) throw new Error(`no simulated machine "${id}"`);
    return { ...values };
  }

  async start(): Promise<void> {
    if (this.server) return;
    const { options } = this;
    const server = new OPCUAServer({
      port: this.port,
      hostname: '127.0.0.1',
      resourcePath: '',
      serverInfo: {
        applicationUri: APPLICATION_URI,
        productUri: 'clustergraph-simulated-machines',
        applicationName: { text: 'ClusterGraph simulated machines' },
      },
      buildInfo: { productName: 'ClusterGraph simulated machines', manufacturerName: 'ClusterGraph' },
      serverCertificateManager: new OPCUACertificateManager({ rootFolder: options.pkiDir, automaticallyAcceptUnknownCertificate: true }),
      allowAnonymous: !options.user,
      ...(options.user
        ? { userManager: { isValidUser: (userName: string, password: string) => userName === options.user!.userName && password === options.user!.password } }
        : {}),
      securityModes: (options.securityModes ?? ['None']).map((m) => MessageSecurityMode[m]),
      securityPolicies: (options.securityPolicies ?? ['None']).map((p) => SecurityPolicy[p]),
    });
    await server.initialize();
    const addressSpace = server.engine.addressSpace!;
    const namespace = addressSpace.getOwnNamespace();
    for (const id of options.machines) {
      const values = this.values.get(id)!;
      const device = namespace.addObject({ organizedBy: addressSpace.rootFolder.objects, browseName: id });
      const variable = (name: string, dataType: DataType, value: number) =>
        namespace.addVariable({
          componentOf: device,
          browseName: name,
          nodeId: `s=${id}.${name}`,
          dataType: dataType === DataType.Int32 ? 'Int32' : 'UInt32',
          value: new Variant({ dataType, value }),
        });
      this.variables.set(id, {
        state: variable('State', DataType.Int32, values.state),
        good: variable('GoodCount', DataType.UInt32, values.good),
        scrap: variable('ScrapCount', DataType.UInt32, values.scrap),
      });
    }
    await server.start();
    this.port = server.endpoints[0]!.port;
    this.server = server;
  }

  /** Stops the server; `graceMs` > 0 announces the shutdown and keeps publishing that long first (as a server being restarted on purpose). */
  async stop(graceMs = 0): Promise<void> {
    const server = this.server;
    this.server = null;
    this.variables.clear();
    if (server) await server.shutdown(graceMs);
  }

  /** The machine changes state (also while the server is down: the new state shows when it is back). */
  setState(id: string, state: number): void {
    this.update(id, { state });
  }

  /** The machine made parts: its cumulative counters go up. */
  count(id: string, good: number, scrap = 0): void {
    const values = this.machine(id);
    this.update(id, { good: values.good + good, scrap: values.scrap + scrap });
  }

  /** The PLC cleared its counters (a restart, a new shift). */
  resetCounters(id: string): void {
    this.update(id, { good: 0, scrap: 0 });
  }

  private update(id: string, change: Partial<MachineValues>): void {
    const values = this.values.get(id);
    if (!values) throw new Error(`no simulated machine "${id}"`);
    const before = { ...values };
    Object.assign(values, change);
    const variables = this.variables.get(id);
    if (!variables) return;
    if (values.state !== before.state) variables.state.setValueFromSource(new Variant({ dataType: DataType.Int32, value: values.state }), StatusCodes.Good);
    if (values.good !== before.good) variables.good.setValueFromSource(new Variant({ dataType: DataType.UInt32, value: values.good }), StatusCodes.Good);
    if (values.scrap !== before.scrap) variables.scrap.setValueFromSource(new Variant({ dataType: DataType.UInt32, value: values.scrap }), StatusCodes.Good);
  }
}
