// A hostile or broken server at the credential's Base URL, against every credential type and
// every request path (action, picker, credential test, trigger activation and deactivation,
// the live-transcript GET), through n8n-core's own request helpers (test/harness).
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { ACTIONS, CALL_ID, REDIRECT_STATUSES, SECRETS, TYPES, WEBHOOK_SECRET, credentialTypes, harness, only, rl, useHostileServer } from './hostile';

const AGENT_ID = '6b1f0c2e-8d4a-4f3b-9e2d-7a5c1b3d9e0f';

/** One way a request is made; `run` resolves to the error it ended with (undefined: none). */
interface RequestPath {
	name: string;
	credential: string;
	run: (credentials: Record<string, ICredentialDataDecryptedObject>) => Promise<{ message?: string; description?: string } | undefined>;
}

const action = (name: string, credential: string, type: string, parameters: IDataObject): RequestPath => ({
	name: `action: ${name}`,
	credential,
	run: async (all) => (await harness.run({ type, parameters, credentials: only(credential, all) })).error,
});
const picker = (name: string, credential: string, type: string, method: string, parameters: IDataObject = {}): RequestPath => ({
	name: `picker: ${name}`,
	credential,
	run: async (all) => {
		try {
			await harness.listSearch({ type, method, parameters, credentials: only(credential, all) });
			return undefined;
		} catch (error) {
			return error as Error;
		}
	},
});
const hook = (name: string, credential: string, type: string, method: 'create' | 'delete', parameters: IDataObject, staticData?: IDataObject): RequestPath => ({
	name: `trigger ${method === 'create' ? 'activation' : 'deactivation'}: ${name}`,
	credential,
	run: async (all) => {
		try {
			await harness.hook({ type, method, parameters, credentials: only(credential, all), staticData: staticData && structuredClone(staticData) });
			return undefined;
		} catch (error) {
			return error as Error;
		}
	},
});

const PATHS: RequestPath[] = [
	...Object.entries(ACTIONS).map(([credential, { name, type, parameters }]) => action(name, credential, type, parameters)),
	picker('Convo agents', 'convoApi', 'convo', 'searchAgents'),
	picker('VoxStack agents', 'voxStackApi', 'voxStack', 'searchAgents'),
	picker('Timely AI agents', 'timelyAiApi', 'timelyAi', 'searchAgents'),
	picker('raia conversations', 'raiaAgentApi', 'raia', 'searchConversations', { authentication: 'raiaAgentApi' }),
	...TYPES.map((type): RequestPath => ({
		name: `credential test: ${type}`,
		credential: type,
		run: async (all) => {
			const result = await harness.credentialTest(type, all[type]);
			return result.status === 'OK' ? undefined : { message: result.message };
		},
	})),
	hook('Convo', 'convoApi', 'convoTrigger', 'create', { events: ['lead.created'] }),
	hook('raia', 'raiaAgentApi', 'raiaTrigger', 'create', { triggerCondition: 'end_dialog' }),
	hook('Timely AI', 'timelyAiApi', 'timelyAiTrigger', 'create', { agentId: rl(AGENT_ID), events: ['message.received'] }),
	hook('VoxStack', 'voxStackApi', 'voxStackTrigger', 'create', { events: ['call_completed'], attachTaskIds: ['task-1'] }),
	hook('Timely AI', 'timelyAiApi', 'timelyAiTrigger', 'delete', { agentId: rl(AGENT_ID), events: ['message.received'] }, { secret: 'x' }),
	hook('VoxStack', 'voxStackApi', 'voxStackTrigger', 'delete', { events: ['call_completed'] }, { attached: [{ taskId: 'task-1', previousUrl: null, previousEvents: [] }] }),
];

describe('a hostile server at the Base URL', () => {
	const { hostile, all } = useHostileServer();

	describe.each(REDIRECT_STATUSES as number[])('answering %i with a Location on another origin', (status) => {
		it.each(PATHS.map((path) => [path.name, path] as const))('%s: nothing reaches the other origin, and the run fails clearly', async (_name, path) => {
			hostile.setMode({ kind: 'redirect', status, to: 'elsewhere' });
			const error = await path.run(all());
			expect(hostile.requests.length).toBeGreaterThan(0);
			// What the other origin received: nothing at all, so no secret either.
			expect(hostile.leaked(SECRETS[path.credential], WEBHOOK_SECRET)).toEqual([]);
			expect(hostile.elsewhere.requests).toEqual([]);
			expect(error).toBeDefined();
			if (!path.name.startsWith('credential test')) {
				expect(error?.message).toContain(`a redirect from ${hostile.url} to ${hostile.elsewhere.url}: not followed`);
			}
		});
	});

	it('the live-transcript GET (Call → Watch Live Transcript) is not redirected either', async () => {
		hostile.setMode({ kind: 'redirect', status: 307, to: 'elsewhere', only: '/live$', otherwise: { success: true, data: { id: CALL_ID, status: 'in_progress' } } });
		const { error } = await harness.run({ type: 'voxStack', parameters: { resource: 'call', operation: 'watchLive', callId: rl(CALL_ID), maxWait: 5 }, credentials: only('voxStackApi', all()) });
		expect(hostile.requests.map((r: { url: string }) => r.url)).toContain(`/api/v1/calls/${CALL_ID}/live`);
		expect(hostile.elsewhere.requests).toEqual([]);
		expect(error?.message).toContain(`VoxStack answered 307, a redirect from ${hostile.url} to ${hostile.elsewhere.url}: not followed`);
		expect(error?.description).toContain('change the Base URL in the credential');
	});

	it('a redirect within the origin is not followed either, and says so', async () => {
		hostile.setMode({ kind: 'redirect', status: 301, to: 'same' });
		const { error } = await harness.run({ type: 'convo', parameters: { resource: 'agent', operation: 'getAll', returnAll: true }, credentials: only('convoApi', all()) });
		expect(hostile.requests.map((r: { url: string }) => r.url)).toEqual(['/api/v1/agents']);
		expect(error?.message).toBe('Convo answered 301, a redirect to /moved/api/v1/agents on the same origin: not followed');
	});

	it.each(TYPES)('%s: a request to another origin (e.g. an absolute URL from an answer) is refused before it is sent', async (type) => {
		const credentialType = credentialTypes.find((c) => c.name === type)!;
		const authenticate = credentialType.authenticate as (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const request = { method: 'GET', baseURL: hostile.url, url: `${hostile.elsewhere.url}/next?page=2` } as IHttpRequestOptions;
		await expect(authenticate(all()[type], request)).rejects.toThrow(`Refused to send the credential to ${hostile.elsewhere.url}`);
		const sent = await authenticate(all()[type], { method: 'GET', url: '/x', baseURL: type === 'convoApi' ? `${hostile.url}/api/v1` : hostile.url });
		expect(sent).toMatchObject({ disableFollowRedirect: true, maxRedirects: 0, sendCredentialsOnCrossOriginRedirect: false });
	});
});
