// raia Trigger: a derived secret header (only its hash in static data), upgrade of a plain stored
// secret, key rotation, and replayed deliveries, with the raia simulator for the registration.
import { randomUUID } from 'node:crypto';

import { RaiaTrigger } from '../../../nodes/Raia/RaiaTrigger.node';
import { deriveWebhookSecret, secretVerifier } from '../../../nodes/shared/webhookAuth';
import { AGENT_KEY } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createRaiaSimulator } = require('../../simulators/raia/server');

const HOOK = 'https://n8n.example.com/webhook/0b7c0f1a-0000-4000-8000-0000000000cc/webhook';
const IDS = { workflowId: 'wf-raia', nodeId: 'node-raia', webhookId: '0b7c0f1a-0000-4000-8000-0000000000cc' };

describe('raia Trigger', () => {
	const sim = createRaiaSimulator();
	const trigger = new RaiaTrigger();
	const methods = trigger.webhookMethods.default;
	beforeAll(async () => sim.listen());
	beforeEach(() => sim.reset());
	afterAll(async () => sim.close());

	function hookContext(staticData: Record<string, unknown>, secretKey = AGENT_KEY) {
		return {
			getNode: () => ({ id: IDS.nodeId, webhookId: IDS.webhookId, name: 'raia Trigger', credentials: { raiaAgentApi: { id: 'r', name: 'r' } } }),
			getWorkflow: () => ({ id: IDS.workflowId, name: 'raia test' }),
			getNodeParameter: (name: string) => ({ triggerCondition: 'each_message' } as Record<string, unknown>)[name],
			getNodeWebhookUrl: () => HOOK,
			getWorkflowStaticData: () => staticData,
			getCredentials: async () => ({ secretKey, region: 'custom', baseUrl: sim.url }),
			helpers: {
				async httpRequestWithAuthentication(_t: string, o: { method: string; baseURL: string; url: string; body?: unknown }) {
					const res = await fetch(`${o.baseURL}${o.url}`, { method: o.method, headers: { 'Agent-Secret-Key': secretKey, 'content-type': 'application/json' }, body: o.body ? JSON.stringify(o.body) : undefined });
					return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
				},
			},
		} as never;
	}

	function delivery(secret: string | undefined, body: object, staticData: Record<string, unknown>) {
		const response = { statusCode: 0, body: undefined as unknown, status(code: number) { this.statusCode = code; return this; }, end() { return this; }, json(b: unknown) { this.body = b; return this; } };
		return {
			response,
			ctx: {
				getWorkflowStaticData: () => staticData,
				getNode: () => ({ name: 'raia Trigger' }),
				getWorkflow: () => ({ id: randomUUID() }),
				getHeaderData: () => (secret === undefined ? {} : { 'x-webhook-secret': secret }),
				getBodyData: () => body,
				getRequestObject: () => ({ rawBody: Buffer.from(JSON.stringify(body)) }),
				getNodeParameter: (name: string, fallback?: unknown) => (name === 'triggerCondition' ? 'each_message' : fallback),
				getResponseObject: () => response,
			} as never,
		};
	}
	const call = { triggerCondition: 'each_message', conversationId: 'c-1', timestamp: '2026-01-01T00:00:00Z', message: { text: 'Hi' } };

	it('registers a derived secret header and stores only its hash', async () => {
		const staticData: Record<string, unknown> = {};
		expect(await methods.checkExists.call(hookContext(staticData))).toBe(false);
		await methods.create.call(hookContext(staticData));
		const [hook] = sim.agent().webhooks;
		const secret = deriveWebhookSecret(AGENT_KEY, { ...IDS, webhookId: `${IDS.webhookId}:each_message` });
		expect(hook.headers).toEqual({ 'X-Webhook-Secret': secret });
		expect(staticData).toEqual({ webhookId: hook.id, secretVerifier: secretVerifier(secret), url: HOOK, condition: 'each_message' });
		expect(JSON.stringify(staticData)).not.toContain(secret);
		expect(await methods.checkExists.call(hookContext(staticData))).toBe(true);
		expect((await trigger.webhook.call(delivery(secret, call, staticData).ctx)).workflowData).toHaveLength(1);
		for (const wrong of [undefined, 'guess', secretVerifier(secret)]) {
			const { ctx, response } = delivery(wrong, call, staticData);
			expect(await trigger.webhook.call(ctx)).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(401);
		}
	});

	it('runs a delivery once: the same call again gets 200 and no run', async () => {
		const stored: Record<string, unknown> = { secretVerifier: secretVerifier('s3cret') };
		const [[item]] = (await trigger.webhook.call(delivery('s3cret', call, stored).ctx)).workflowData!;
		expect(item.json).toEqual({ ...call, eventId: expect.stringMatching(/^body_[0-9a-f]{32}$/) });
		const replay = delivery('s3cret', call, stored);
		expect(await trigger.webhook.call(replay.ctx)).toEqual({ noWebhookResponse: true });
		expect(replay.response.statusCode).toBe(200);
	});

	it('upgrades a plain secret stored by an older version, without a new raia webhook', async () => {
		const legacy: Record<string, unknown> = { webhookId: 'old-hook', secret: 'legacy-secret', url: HOOK, condition: 'each_message' };
		expect(await methods.checkExists.call(hookContext(legacy))).toBe(true);
		expect(legacy).toEqual({ webhookId: 'old-hook', secretVerifier: secretVerifier('legacy-secret'), url: HOOK, condition: 'each_message' });
		expect((await trigger.webhook.call(delivery('legacy-secret', call, legacy).ctx)).workflowData).toHaveLength(1);
		// An upgrade that meets a delivery before any activation migrates too.
		const untouched: Record<string, unknown> = { webhookId: 'old-hook', secret: 'legacy-secret' };
		expect((await trigger.webhook.call(delivery('legacy-secret', call, untouched).ctx)).workflowData).toHaveLength(1);
		expect(untouched.secret).toBeUndefined();
	});

	it('keeps its webhook and keeps verifying after the agent key is changed', async () => {
		const staticData: Record<string, unknown> = {};
		await methods.create.call(hookContext(staticData));
		const sent = sim.agent().webhooks[0].headers['X-Webhook-Secret'];
		expect(await methods.checkExists.call(hookContext(staticData, 'rotated-agent-key'))).toBe(true);
		expect((await trigger.webhook.call(delivery(sent, call, staticData).ctx)).workflowData).toHaveLength(1);
	});
});
