// Shared by the hostile-server tests: every node and credential type of the package in one
// harness, with credentials pointing at a hostile server (test/simulators/hostile/redirect.js).
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { packageCredentialTypes, packageHarness } from '../../harness/package';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { createHostileServer, REDIRECT_STATUSES, SECRETS, WEBHOOK_SECRET } = require('../../simulators/hostile/redirect');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const credentialsAt: (url: string) => Record<string, ICredentialDataDecryptedObject> = require('../../simulators/hostile/redirect').credentialsAt;

/**
 * The hostile server of the enclosing describe block: listening before its tests, reset before
 * each, closed after. `all()` gives every credential type pointed at it.
 */
export function useHostileServer() {
	const hostile = createHostileServer();
	let credentials: Record<string, ICredentialDataDecryptedObject> = {};
	beforeAll(async () => {
		await hostile.listen();
		credentials = credentialsAt(hostile.url);
	});
	beforeEach(() => hostile.reset());
	afterAll(async () => await hostile.close());
	return { hostile, all: () => credentials };
}

if (typeof WebSocket === 'undefined') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	Object.assign(globalThis, { WebSocket: require('undici').WebSocket });
}

export const TYPES = Object.keys(SECRETS);

/**
 * One action per credential type, each a request carrying that credential (the Velents agent's
 * dispatch also carries the webhook secret in its body): the paths the redirect and redaction
 * tests drive.
 */
export const ACTIONS: Record<string, { name: string; type: string; parameters: IDataObject }> = {
	convoApi: { name: 'Convo agents', type: 'convo', parameters: { resource: 'agent', operation: 'getAll', returnAll: true } },
	velentsAgentApi: {
		name: 'Velents dispatch (webhook secret in the body)',
		type: 'velents',
		parameters: {
			authentication: 'velentsAgentApi',
			resource: 'conversation',
			operation: 'dispatch',
			channel: 3,
			phone: '+966 50 000 0001',
			valuesMode: 'keyValue',
			values: { value: [{ key: 'order_id', value: '1212' }] },
			webhook: { link: 'https://n8n.example.com/webhook/abc/webhook' },
		},
	},
	velentsSupportApi: { name: 'Velents Support account', type: 'velents', parameters: { authentication: 'velentsSupportApi', resource: 'account', operation: 'me' } },
	voxStackApi: { name: 'VoxStack agents', type: 'voxStack', parameters: { resource: 'agent', operation: 'getAll', returnAll: true } },
	timelyAiApi: { name: 'Timely AI contacts', type: 'timelyAi', parameters: { resource: 'contact', operation: 'getAll', returnAll: true } },
	raiaAgentApi: { name: 'raia agent', type: 'raia', parameters: { authentication: 'raiaAgentApi', resource: 'agent', operation: 'get' } },
	raiaOrganizationApi: { name: 'raia agent roles', type: 'raia', parameters: { authentication: 'raiaOrganizationApi', resource: 'agentRole', operation: 'getAll', returnAll: true } },
};

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });
export const CALL_ID = '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e';


export const credentialTypes = packageCredentialTypes();
export const harness = packageHarness(credentialTypes);

/** The credentials of one type only, as a node that uses it has them. */
export const only = (type: string, all: Record<string, ICredentialDataDecryptedObject>) => ({ [type]: all[type] });

/** Every string reachable from a value: own properties, non-enumerable ones (an error's message and stack) too. */
export function everything(value: unknown): string {
	const out: string[] = [];
	const seen = new WeakSet<object>();
	const walk = (v: unknown) => {
		if (typeof v === 'string') out.push(v);
		if (!v || typeof v !== 'object' || seen.has(v)) return;
		seen.add(v);
		for (const key of Object.getOwnPropertyNames(v)) {
			out.push(key);
			const descriptor = Object.getOwnPropertyDescriptor(v, key);
			if (descriptor && 'value' in descriptor) walk(descriptor.value);
		}
	};
	walk(value);
	return out.join('\n');
}
