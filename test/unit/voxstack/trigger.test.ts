// VoxStack Trigger: attach/detach against the simulator, and the URL-token check.
import { randomUUID } from 'node:crypto';

import { triggerToken } from '../../../nodes/VoxStack/api';
import { VoxStackTrigger } from '../../../nodes/VoxStack/VoxStackTrigger.node';
import { API_KEY } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createVoxStackSimulator } = require('../../simulators/voxstack/server');

const WEBHOOK_ID = '5d1f3c2a-8b9e-4f60-a1b2-c3d4e5f60718';
const HOOK = `https://n8n.example.com/webhook/${WEBHOOK_ID}/voxstack`;
const TOKEN_URL = `${HOOK}?token=${triggerToken(API_KEY, WEBHOOK_ID)}`;

function hookContext(sim: { url: string }, staticData: Record<string, unknown>, attachTaskIds: string[]) {
	const node = { name: 'VoxStack Trigger', webhookId: WEBHOOK_ID, credentials: { voxStackApi: { id: 'v1', name: 'v' } } };
	return {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown) => ({ attachTaskIds, events: ['call_started', 'call_completed'] } as Record<string, unknown>)[name] ?? fallback,
		getNodeWebhookUrl: () => HOOK,
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => ({ apiKey: API_KEY, baseUrl: sim.url }),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: { method: string; baseURL: string; url: string; body?: unknown }) {
				const res = await fetch(`${options.baseURL}${options.url}`, {
					method: options.method,
					headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
					body: options.body ? JSON.stringify(options.body) : undefined,
				});
				return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
			},
		},
	};
}

describe('VoxStack Trigger', () => {
	const sim = createVoxStackSimulator({ callDurationMs: 5 });
	const trigger = new VoxStackTrigger();
	const methods = trigger.webhookMethods.default;
	beforeAll(async () => sim.listen());
	beforeEach(() => sim.reset());
	afterAll(async () => sim.close());

	function newTask(extra: Record<string, unknown> = {}) {
		const data = sim.data();
		const task = { id: `t-${data.tasks.length + 1}`, agent_id: data.agents[0].id, name: 'x', to_number: '+14155550123', status: 'pending', webhook_url: null, webhook_events: [], ...extra };
		data.tasks.push(task);
		return task;
	}

	it('attaches to pending tasks on activation, skips finished ones, and restores them on deactivation', async () => {
		const kept = newTask({ webhook_url: 'https://crm.example.com/hook', webhook_events: ['call_failed'] });
		const plain = newTask();
		const done = newTask({ status: 'completed' });
		const staticData: Record<string, unknown> = {};
		const ctx = hookContext(sim, staticData, [kept.id, plain.id, done.id, 'missing']) as never;
		expect(await methods.checkExists.call(ctx)).toBe(false);
		expect(await methods.create.call(ctx)).toBe(true);
		expect([kept.webhook_url, plain.webhook_url, done.webhook_url]).toEqual([TOKEN_URL, TOKEN_URL, null]);
		expect(kept.webhook_events).toEqual(['call_started', 'call_completed']);
		// Re-activation sends no further PATCH: the tasks already point here.
		const patches = () => sim.state.requests.filter((r: { method: string }) => r.method === 'PATCH').length;
		const before = patches();
		await methods.create.call(ctx);
		expect(patches()).toBe(before);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect([kept.webhook_url, kept.webhook_events]).toEqual(['https://crm.example.com/hook', ['call_failed']]);
		expect([plain.webhook_url, plain.webhook_events]).toEqual([null, []]);
		expect(staticData.attached).toBeUndefined();
	});

	it('does not touch a task that has moved on or been pointed elsewhere', async () => {
		const task = newTask();
		const staticData: Record<string, unknown> = {};
		const ctx = hookContext(sim, staticData, [task.id]) as never;
		await methods.create.call(ctx);
		task.webhook_url = 'https://someone-else.example.com' as never;
		await methods.delete.call(ctx);
		expect(task.webhook_url).toBe('https://someone-else.example.com');
	});

	function deliveryContext(query: Record<string, string>, body: unknown, events = ['call_completed'], staticData: Record<string, unknown> = {}) {
		const response = { statusCode: 0, body: undefined as unknown, status(code: number) { this.statusCode = code; return this; }, end() { return this; }, json(body: unknown) { this.body = body; return this; } };
		const warnings: string[] = [];
		return {
			response,
			warnings,
			ctx: {
				getNode: () => ({ webhookId: WEBHOOK_ID, name: 'Calls', type: 'n8n-nodes-agent-platforms.voxStackTrigger' }),
				logger: { warn: (message: string) => warnings.push(message) },
				getWorkflow: () => ({ id: randomUUID() }),
				getCredentials: async () => ({ apiKey: API_KEY }),
				getQueryData: () => query,
				getBodyData: () => body,
				getRequestObject: () => ({ rawBody: Buffer.from(JSON.stringify(body)) }),
				getWorkflowStaticData: () => staticData,
				getNodeParameter: (name: string, fallback?: unknown) => (name === 'events' ? events : fallback),
				getResponseObject: () => response,
			},
		};
	}
	const payload = { event_type: 'call_completed', task_id: 't', call_id: 'c', status: 'completed', data: { transcript_excerpt: '…' } };

	it('emits a delivery carrying the right token', async () => {
		const { ctx } = deliveryContext({ token: triggerToken(API_KEY, WEBHOOK_ID) }, payload);
		expect((await trigger.webhook.call(ctx as never)).workflowData).toEqual([[{ json: { ...payload, eventId: expect.stringMatching(/^body_[0-9a-f]{32}$/) } }]]);
	});

	it('runs a delivery once: a replay of the same event gets 200 and starts nothing', async () => {
		const staticData: Record<string, unknown> = {};
		const token = { token: triggerToken(API_KEY, WEBHOOK_ID) };
		expect((await trigger.webhook.call(deliveryContext(token, payload, undefined, staticData).ctx as never)).workflowData).toHaveLength(1);
		const replay = deliveryContext(token, payload, undefined, staticData);
		expect(await trigger.webhook.call(replay.ctx as never)).toEqual({ noWebhookResponse: true });
		expect(replay.response.statusCode).toBe(200);
		expect((await trigger.webhook.call(deliveryContext(token, { ...payload, call_id: 'c2' }, undefined, staticData).ctx as never)).workflowData).toHaveLength(1);
	});

	it.each([
		['no token', {}],
		['a wrong token', { token: 'f'.repeat(64) }],
		['the token of another trigger', { token: triggerToken(API_KEY, '00000000-0000-4000-8000-000000000000') }],
		['a token made with another API key', { token: triggerToken('va_other_key_123456', WEBHOOK_ID) }],
	])('answers 401 to %s and starts nothing', async (_name, query) => {
		const { ctx, response } = deliveryContext(query, payload);
		expect(await trigger.webhook.call(ctx as never)).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
	});

	it('after an API key change, the old tokens get 401 with what to do, and n8n\'s log says it once a minute, not per delivery', async () => {
		const oldToken = { token: triggerToken('va_previous_key_123456', WEBHOOK_ID) };
		// A minute after the wrong tokens of the tests above were logged.
		const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 5 * 60_000);
		const first = deliveryContext(oldToken, payload);
		await trigger.webhook.call(first.ctx as never);
		expect(first.response.statusCode).toBe(401);
		expect(JSON.stringify(first.response.body)).toContain("re-save the tasks' Webhook URL with Task → Update");
		const again = deliveryContext(oldToken, payload);
		await trigger.webhook.call(again.ctx as never);
		expect(again.response.statusCode).toBe(401);
		expect([...first.warnings, ...again.warnings]).toEqual([expect.stringContaining('Trigger "Calls" (n8n-nodes-agent-platforms.voxStackTrigger) refused a delivery: wrong token for this trigger')]);
		clock.mockRestore();
		const missing = deliveryContext({}, payload);
		await trigger.webhook.call(missing.ctx as never);
		expect(missing.response.body).toEqual({ error: 'unauthorized', reason: 'missing token' });
	});

	it('acknowledges unselected events without a run', async () => {
		const { ctx, response } = deliveryContext({ token: triggerToken(API_KEY, WEBHOOK_ID) }, { ...payload, event_type: 'call_started' });
		expect(await trigger.webhook.call(ctx as never)).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(200);
	});
});
