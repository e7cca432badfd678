// IDs outside the routed operations cannot move a request either: IDs from parameters that
// pickers and trigger activations put into a path, and IDs taken from a provider's own answer
// and used in a later request (raia's async polling, the VoxStack live stream). The hostile
// server logs each request target exactly as it arrived.
import { TimelyAiTrigger } from '../../../nodes/TimelyAi/TimelyAiTrigger.node';
import { VoxStackLiveTranscriptTrigger } from '../../../nodes/VoxStack/VoxStackLiveTranscriptTrigger.node';
import { VoxStackTrigger } from '../../../nodes/VoxStack/VoxStackTrigger.node';
import type { HostileServer } from './hostile-answers';
import { hostileSuite, records } from './hostile-answers';

if (typeof WebSocket === 'undefined') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	Object.assign(globalThis, { WebSocket: require('undici').WebSocket });
}

const { server, run, listSearch } = hostileSuite();
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const DOT_IDS = ['..', '.', '%2e%2e', '%2E.', 'a\r\nb'];

/** The functions n8n hands a trigger's webhook methods and trigger(): requests go to the hostile server. */
function hookContext(server: HostileServer, parameters: Record<string, unknown>, mode = 'trigger') {
	const warnings: string[] = [];
	const context = {
		getNode: () => ({ name: 'Trigger', credentials: {} }),
		getMode: () => mode,
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/2b1f4a8e-0c3d-4e5f-9a6b-7c8d9e0f1a2b/voxstack',
		getWorkflow: () => ({ id: 'workflow-1' }),
		getWorkflowStaticData: () => ({}),
		getCredentials: async () => ({ apiKey: 'key', baseUrl: server.url }),
		emit: () => {},
		emitError: (error: Error) => warnings.push(error.message),
		logger: { warn: (message: string) => warnings.push(message) },
		helpers: {
			returnJsonArray: (items: object[]) => items.map((json) => ({ json })),
			async httpRequestWithAuthentication(_type: string, options: { method: string; baseURL: string; url: string; qs?: Record<string, unknown>; body?: unknown }) {
				const url = new URL(`${options.baseURL}${options.url}`);
				for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
				const res = await fetch(url, { method: options.method, body: options.body ? JSON.stringify(options.body) : undefined });
				return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
			},
		},
	};
	return { context: context as never, warnings };
}

describe('IDs from parameters in trigger activations and pickers', () => {
	it.each(DOT_IDS)('Timely AI Trigger: agent %j fails the activation naming the field, nothing sent', async (id) => {
		const { context } = hookContext(server, { agentId: id, events: ['message.received'], customEvents: '' });
		await expect(new TimelyAiTrigger().webhookMethods.default.create.call(context)).rejects.toThrow(/^Agent must not/);
		expect(server.requests).toEqual([]);
	});

	it.each(DOT_IDS)('VoxStack Trigger: task %j to attach fails the activation naming the field, nothing sent', async (id) => {
		const { context } = hookContext(server, { attachTaskIds: [id], events: ['call_completed'] });
		await expect(new VoxStackTrigger().webhookMethods.default.create.call(context)).rejects.toThrow(/^Attach to Pending Tasks Names or IDs must not/);
		expect(server.requests).toEqual([]);
	});

	it('VoxStack Trigger: any other task ID is one encoded segment', async () => {
		server.answer(() => ({ status: 404, body: { success: false, error: 'Task not found' } }));
		const { context } = hookContext(server, { attachTaskIds: ['a/b?c#d'], events: ['call_completed'] });
		await new VoxStackTrigger().webhookMethods.default.create.call(context);
		expect(server.requests.map((r) => `${r.method} ${r.target}`)).toEqual(['GET /api/v1/tasks/a%2Fb%3Fc%23d']);
	});

	it.each(DOT_IDS)('Timely AI pickers: a parent agent %j is refused naming it, nothing sent', async (id) => {
		await expect(listSearch('timelyAi', 'searchTrainings', { resource: 'training', operation: 'delete', agentId: rl(id) })).rejects.toThrow(/^Agent must not/);
		expect(server.requests).toEqual([]);
	});

	it('Timely AI pickers: any other parent ID is one encoded segment', async () => {
		server.answer(() => ({ body: { data: [], pagination: { page: 1, limit: 50, total: 0, total_pages: 0 } } }));
		await listSearch('timelyAi', 'searchTrainings', { resource: 'training', operation: 'delete', agentId: rl('x/../y') });
		expect(server.requests.map((r) => r.target)).toEqual(['/v1/agents/x%2F..%2Fy/trainings?page=1&limit=50']);
	});
});

describe('IDs from a provider answer used in a later request', () => {
	const prompt = { authentication: 'raiaAgentApi', resource: 'prompt', operation: 'sendAsync', prompt: 'Hello', waitForResponse: true, pollInterval: 0.5, maxWait: 5 };

	it.each(DOT_IDS)('raia: a promptId of %j is not polled; the error names the provider', async (id) => {
		server.answer(() => ({ body: { promptId: id, status: 'pending' } }));
		const { error } = await run('raia', prompt);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('raia sent an ID (promptId) that cannot be used in a request URL');
		expect(server.requests.map((r) => r.method)).toEqual(['POST']);
	});

	it('raia: any other promptId is polled as one encoded segment', async () => {
		server.answer((request) => ({ body: request.method === 'POST' ? { promptId: 'p/1?x#y', status: 'pending' } : { status: 'completed', answer: 'Hi' } }));
		const { error, items } = await run('raia', prompt);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'completed', answer: 'Hi' });
		expect(server.requests.map((r) => `${r.method} ${r.target}`)).toEqual(['POST /external/prompts/async', 'GET /external/prompts/p%2F1%3Fx%23y/response-on']);
	});

	it('raia: the message ID of Send Async is checked the same way', async () => {
		server.answer(() => ({ body: { id: '%2e%2e', status: 'pending' } }));
		const { error } = await run('raia', { authentication: 'raiaAgentApi', resource: 'message', operation: 'sendAsync', conversationId: rl('c1'), message: 'Hello', waitForResponse: true, pollInterval: 0.5, maxWait: 5 });
		expect(error?.message).toBe('raia sent an ID (id) that cannot be used in a request URL');
		expect(server.requests).toHaveLength(1);
	});

	it('VoxStack Live Transcript Trigger: an ongoing call whose ID is ".." is skipped, never followed', async () => {
		server.answer((request) => ({ body: { success: true, data: request.path === '/api/v1/calls' ? [{ id: '..', status: 'in_progress', agent_id: 'a', task_id: 't' }] : records(0, 1) } }));
		const { context, warnings } = hookContext(server, { options: { pollInterval: 60 } });
		const response = await new VoxStackLiveTranscriptTrigger().trigger.call(context);
		await new Promise((resolve) => setTimeout(resolve, 300));
		await response.closeFunction?.();
		expect(server.requests.map((r) => r.target)).toEqual(['/api/v1/calls?status=in_progress&limit=100&offset=0']);
		expect(warnings).toEqual(['VoxStack Live Transcript Trigger: skipped a call whose ID must not be "..": in a URL path it would send the request to another endpoint']);
	});
});
