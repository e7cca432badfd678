import type { ICredentialDataDecryptedObject, ICredentialType, INodeType } from 'n8n-workflow';

import type { RunOptions } from './index';
import { Harness } from './index';

export interface SimRequest {
	method: string;
	path: string;
	/** The request target as sent on the wire (path and query, dot segments not resolved). */
	target: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body?: unknown;
	status?: number;
}

interface Simulator {
	url: string;
	state: { requests: SimRequest[]; deliveries: Array<Record<string, unknown>>; faults: unknown[] };
	listen(): Promise<string>;
	close(): Promise<void>;
	reset(): void;
}

/**
 * One simulator and one harness per test file; every test starts from fresh simulator state
 * and the default credentials (tests may override fields through `ctx.credentials`).
 */
export function simulatorSuite<S extends Simulator>(options: {
	type: string;
	nodes: INodeType[];
	credentialTypes: ICredentialType[];
	simulator: S;
	credentials: (url: string) => Record<string, ICredentialDataDecryptedObject>;
}) {
	const { simulator: sim } = options;
	const harness = new Harness(options.nodes, options.credentialTypes);
	const ctx = {
		sim,
		url: '',
		credentials: {} as Record<string, ICredentialDataDecryptedObject>,
		requests: () => sim.state.requests,
		control: async (action: string, body: object = {}) =>
			await (await fetch(`${ctx.url}/_sim/${action}`, { method: 'POST', body: JSON.stringify(body) })).json(),
		run(parameters: RunOptions['parameters'], extra: Partial<RunOptions> = {}) {
			return harness.run({ type: options.type, parameters, credentials: ctx.credentials, ...extra });
		},
		/** One poll of a polling trigger of this provider; keep `staticData` between polls. */
		poll(type: string, parameters: RunOptions['parameters'], staticData: Record<string, unknown>, manual = false) {
			return harness.poll({ type, parameters, credentials: ctx.credentials, staticData: staticData as never, manual });
		},
		/** Runs a searchable picker of the node, with the node's current parameters. */
		listSearch(method: string, parameters: RunOptions['parameters'] = {}, filter?: string, paginationToken?: string) {
			return harness.listSearch({ type: options.type, method, parameters, credentials: ctx.credentials, filter, paginationToken });
		},
	};
	beforeAll(async () => {
		ctx.url = await sim.listen();
	});
	beforeEach(() => {
		sim.reset();
		ctx.credentials = options.credentials(ctx.url);
	});
	afterAll(async () => {
		await sim.close();
	});
	return ctx;
}
